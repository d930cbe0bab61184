import type { ApiHandlers } from './api-handlers';

/** One route of the HTTP API, as API Gateway is configured with it. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  /** With `{name}` path variables, each matching one path segment. */
  path: string;
  /** `METHOD path`, the event's `routeKey`. */
  routeKey: string;
  handler: keyof ApiHandlers;
}

const route = (
  method: ApiRoute['method'],
  path: string,
  handler: ApiRoute['handler'],
): ApiRoute => ({ method, path, routeKey: `${method} ${path}`, handler });

/** The routes of the snapshot API; template.yaml declares the same. */
export const apiRoutes: readonly ApiRoute[] = [
  route('GET', '/reports', 'listReports'),
  route('POST', '/reports/{reportId}/snapshots', 'requestSnapshot'),
  route('GET', '/snapshots/{snapshotId}', 'getSnapshot'),
];

/**
 * The route a request path takes, with its path parameters decoded, or
 * nothing (API Gateway answers 404 then).
 */
export function matchApiRoute(
  method: string,
  path: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const candidate of apiRoutes) {
    if (candidate.method !== method) continue;
    const pattern = candidate.path.split('/');
    if (pattern.length !== segments.length) continue;

    const pathParameters: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      const variable = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!variable) return part === segment;
      if (segment === '') return false;
      pathParameters[variable] = decodeSegment(segment);
      return true;
    });
    if (matches) return { route: candidate, pathParameters };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
