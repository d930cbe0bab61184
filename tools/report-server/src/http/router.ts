import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestError } from '../report-server-error';
import { serveScope, serveVisualData } from '../routes/data-routes';
import {
  serveControlPage,
  serveDashboardPage,
  serveIndex,
} from '../routes/page-routes';
import { createSession } from '../routes/session-routes';
import type { ServerContext } from '../server-context';
import { asRequestError, sendError, sendJson } from './respond';

const segment = '([^/]+)';
const routes = {
  page: new RegExp(`^/dashboards/${segment}$`),
  embed: new RegExp(`^/embed/${segment}/dashboards/${segment}$`),
  control: new RegExp(`^/embed/${segment}/embedControl$`),
  visual: new RegExp(`^/api/dashboards/${segment}/visuals/${segment}$`),
  scope: new RegExp(`^/api/dashboards/${segment}/scope$`),
  asset: new RegExp(`^/assets/${segment}$`),
};

/**
 * Answers one request. Every failure becomes a JSON (or, for pages, HTML)
 * error answer: a bad request never takes the server down.
 */
export async function handleRequest(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<void> {
  try {
    await route(
      context,
      request,
      response,
      new URL(request.url ?? '/', origin),
    );
  } catch (error) {
    const failure = asRequestError(error);
    if (failure.status >= 500 && failure.code === 'INTERNAL_ERROR') {
      context.logger.error('request failed', {
        method: request.method,
        path: request.url,
        error,
      });
    }
    if (!response.headersSent && !response.destroyed) {
      sendError(response, failure);
    }
  }
}

async function route(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname;
  const method = request.method ?? 'GET';
  const match = (pattern: RegExp) =>
    pattern.exec(path)?.slice(1).map(decodeSegment);

  if (method === 'POST' && path === '/sessions') {
    return createSession(context, request, response, url.origin);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    throw new RequestError(405, 'INVALID_REQUEST', `${method} is not allowed`);
  }

  let found: string[] | undefined;
  if (path === '/') return serveIndex(response);
  if (path === '/health') return sendJson(response, 200, { ok: true });
  if (path === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  if ((found = match(routes.page))) {
    return serveDashboardPage(context, response, url, found[0] ?? '');
  }
  if ((found = match(routes.embed))) {
    const [token = '', dashboardId = ''] = found;
    return serveDashboardPage(context, response, url, dashboardId, token);
  }
  if (match(routes.control)) return serveControlPage(response);
  if ((found = match(routes.visual))) {
    const [dashboardId = '', visualId = ''] = found;
    return serveVisualData(context, response, url, dashboardId, visualId);
  }
  if ((found = match(routes.scope))) {
    return serveScope(context, response, url, found[0] ?? '');
  }
  if ((found = match(routes.asset))) {
    const name = found[0] ?? '';
    if (context.assets.has(name)) {
      const asset = await context.assets.get(name);
      response.writeHead(200, {
        'content-type': asset.contentType,
        'content-length': asset.body.length,
        'cache-control': 'max-age=3600',
      });
      response.end(asset.body);
      return;
    }
  }
  throw new RequestError(404, 'NOT_FOUND', `nothing at ${path}`);
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RequestError(400, 'INVALID_REQUEST', 'malformed path');
  }
}
