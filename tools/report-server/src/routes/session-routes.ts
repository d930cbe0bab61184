import type { IncomingMessage, ServerResponse } from 'node:http';
import { AllowedDomains } from '../allowed-domains';
import { dashboards } from '../dashboards/definitions';
import { readJsonBody } from '../http/read-body';
import { sendJson } from '../http/respond';
import { RequestError } from '../report-server-error';
import type { ServerContext } from '../server-context';
import { sessionRequestSchema } from '../sessions';
import { embedPath } from './embed-paths';

/**
 * `POST /sessions {dashboardId, ttlSeconds, allowedDomains?}` answers
 * `{embedUrl, expiresAt}`, as GenerateEmbedUrl... does for QuickSight.
 */
export async function createSession(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<void> {
  const parsed = sessionRequestSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new RequestError(400, 'INVALID_REQUEST', 'invalid session', details);
  }

  const { dashboardId, ttlSeconds, allowedDomains } = parsed.data;
  if (!dashboards.has(dashboardId)) {
    throw new RequestError(404, 'NOT_FOUND', `no dashboard ${dashboardId}`);
  }
  const session = context.sessions.create(
    dashboardId,
    ttlSeconds,
    allowedDomains && normalised(allowedDomains),
  );
  sendJson(response, 201, {
    embedUrl: `${origin}${embedPath(session.token, dashboardId)}`,
    expiresAt: new Date(session.expiresAt).toISOString(),
  });
}

function normalised(allowedDomains: string[]): string[] {
  const parsed = AllowedDomains.parse(allowedDomains);
  if (!parsed) {
    throw new RequestError(400, 'INVALID_REQUEST', 'invalid session', [
      {
        path: 'allowedDomains',
        message: 'must be http(s) origins, e.g. https://*.example.com',
      },
    ]);
  }
  return parsed.entries;
}
