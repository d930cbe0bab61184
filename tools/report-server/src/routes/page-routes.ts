import type { ServerResponse } from 'node:http';
import { dashboards } from '../dashboards/definitions';
import { parseFault } from '../faults';
import { escapeHtml, sendHtml } from '../http/respond';
import { renderDashboardPage, renderErrorPage } from '../page/render-page';
import { RequestError } from '../report-server-error';
import type { ServerContext } from '../server-context';

/**
 * `GET /dashboards/{id}` and, with a session token,
 * `GET /embed/{token}/dashboards/{id}`. Parameters come in the fragment,
 * which the page reads itself; only `?fault=` reaches the server.
 */
export function serveDashboardPage(
  context: ServerContext,
  response: ServerResponse,
  url: URL,
  dashboardId: string,
  token?: string,
): void {
  try {
    const dashboard = dashboards.get(dashboardId);
    if (!dashboard) {
      throw new RequestError(
        404,
        'NOT_FOUND',
        `There is no dashboard ${JSON.stringify(dashboardId)}.`,
      );
    }
    const fault = parseFault(url.searchParams.get('fault'));
    const session =
      token === undefined
        ? undefined
        : {
            token,
            expiresInMs: context.sessions.check(token, dashboardId).expiresInMs,
          };
    sendHtml(response, 200, renderDashboardPage(dashboard, { fault, session }));
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    sendHtml(
      response,
      error.status,
      renderErrorPage({
        errorCode: error.code,
        title: titles[error.code] ?? 'Something went wrong',
        message: error.message,
      }),
    );
  }
}

const titles: Partial<Record<string, string>> = {
  NOT_FOUND: 'Dashboard not found',
  SESSION_EXPIRED: 'Session expired',
  INVALID_PARAMETER: 'Invalid request',
};

/** `GET /`: the dashboards, for people finding their way. */
export function serveIndex(response: ServerResponse): void {
  const items = [...dashboards.values()]
    .map(
      (d) =>
        `<li><a href="/dashboards/${escapeHtml(d.dashboardId)}">` +
        `${escapeHtml(d.title)}</a> <code>${escapeHtml(d.dashboardId)}</code>` +
        ` (${d.parameters.map((p) => escapeHtml(p.name)).join(', ')})</li>`,
    )
    .join('');
  sendHtml(
    response,
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<title>Report server</title>` +
      `<link rel="stylesheet" href="/assets/dashboard.css"></head>` +
      `<body><main class="index-page"><h1>Dashboards</h1><ul>${items}</ul>` +
      `<p>Parameters go in the fragment: ` +
      `<code>#p.School=s-00001&amp;p.Region=r-001</code>.</p></main></body></html>`,
  );
}
