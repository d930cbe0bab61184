import type { ServerResponse } from 'node:http';
import { dashboards } from '../dashboards/definitions';
import { parseFault } from '../faults';
import { escapeHtml, sendHtml } from '../http/respond';
import {
  renderControlPage,
  renderDashboardPage,
  renderErrorPage,
} from '../page/render-page';
import { RequestError } from '../report-server-error';
import type { ServerContext } from '../server-context';
import { PUBLIC_EMBED } from './embed-paths';
import { checkEmbeddingOrigin } from './embedding-origin';

/**
 * `GET /dashboards/{id}` and, with a session token (or `public` for
 * none), `GET /embed/{token}/dashboards/{id}`. Parameters come in the
 * fragment, which the page reads itself; only `?fault=` and the query the
 * Embedding SDK adds reach the server.
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
    let session;
    let headers = {};
    if (token !== undefined && token !== PUBLIC_EMBED) {
      const found = context.sessions.check(token, dashboardId);
      headers = checkEmbeddingOrigin(found, url);
      session = { token, expiresInMs: found.expiresInMs };
    }
    sendHtml(
      response,
      200,
      renderDashboardPage(dashboard, { fault, session }),
      headers,
    );
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

/**
 * `GET /embed/{token}/embedControl`: the Embedding SDK's zero-size control
 * frame. It carries no data, so it asks for no session.
 */
export function serveControlPage(response: ServerResponse): void {
  sendHtml(response, 200, renderControlPage());
}

const titles: Partial<Record<string, string>> = {
  NOT_FOUND: 'Dashboard not found',
  SESSION_EXPIRED: 'Session expired',
  DOMAIN_NOT_ALLOWED: 'Embedding not allowed',
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
