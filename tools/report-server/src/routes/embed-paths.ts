/**
 * Stands for a session token in embed URLs that need no session: the
 * dashboard opens for anyone, from any page, and never expires.
 */
export const PUBLIC_EMBED = 'public';

/**
 * The path and query of an embed URL, shaped as QuickSight's
 * (`/embed/{session}/dashboards/{id}?...`): the Embedding SDK takes no
 * other shape, and requires a query.
 */
export function embedPath(token: string, dashboardId: string): string {
  return (
    `/embed/${encodeURIComponent(token)}/dashboards/` +
    `${encodeURIComponent(dashboardId)}?identityprovider=quicksight`
  );
}
