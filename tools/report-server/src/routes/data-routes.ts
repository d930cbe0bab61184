import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { DashboardDefinition } from '../dashboards/dashboard';
import { dashboards, faultTarget } from '../dashboards/definitions';
import { createVisualContext } from '../data/visual-context';
import { visualData } from '../data/visual-data';
import { parseFault, slowFaultMs, type Fault } from '../faults';
import { sendJson } from '../http/respond';
import { parseParameterPairs } from '../parameters/fragment';
import {
  resolveParameters,
  type ResolvedParameters,
} from '../parameters/resolve-parameters';
import { RequestError } from '../report-server-error';
import type { ServerContext } from '../server-context';
import type { ScopePayload } from '../visual-payload';
import { describeScope } from './describe-scope';

/**
 * `GET /api/dashboards/{id}/visuals/{visualId}?p.School=...&fault=...`:
 * one visual's data, after its faults. A `never` fault leaves the request
 * unanswered until the client gives up or the server stops.
 */
export async function serveVisualData(
  context: ServerContext,
  response: ServerResponse,
  url: URL,
  dashboardId: string,
  visualId: string,
): Promise<void> {
  const { dashboard, parameters, fault } = await readDataRequest(
    context,
    url,
    dashboardId,
  );
  const visual = dashboard.visuals.find((v) => v.visualId === visualId);
  if (!visual) {
    throw new RequestError(404, 'NOT_FOUND', `no visual ${visualId}`);
  }

  if (dashboard.alwaysFails) {
    throw new RequestError(500, 'VISUAL_ERROR', 'the dataset is unavailable');
  }
  if (visualId === faultTarget(dashboard)) {
    switch (fault) {
      case 'slow':
        await delay(slowFaultMs, undefined, { signal: context.stopping });
        break;
      case 'never':
        // Held open on purpose; stop() closes every connection.
        return;
      case 'error':
        throw new RequestError(500, 'VISUAL_ERROR', 'the visual query failed');
      case 'empty':
      case 'hang':
      case 'crash':
      case undefined:
        break;
    }
  }

  const payload = await visualData(
    visual,
    createVisualContext(context.datasets, parameters),
  );
  sendJson(response, 200, payload);
}

/** `GET /api/dashboards/{id}/scope?p...`: the page header's line. */
export async function serveScope(
  context: ServerContext,
  response: ServerResponse,
  url: URL,
  dashboardId: string,
): Promise<void> {
  const { dashboard, parameters } = await readDataRequest(
    context,
    url,
    dashboardId,
  );
  const scope: ScopePayload = describeScope(dashboard, parameters);
  sendJson(response, 200, scope);
}

async function readDataRequest(
  context: ServerContext,
  url: URL,
  dashboardId: string,
): Promise<{
  dashboard: DashboardDefinition;
  parameters: ResolvedParameters;
  fault: Fault | undefined;
}> {
  const dashboard = dashboards.get(dashboardId);
  if (!dashboard) {
    throw new RequestError(404, 'NOT_FOUND', `no dashboard ${dashboardId}`);
  }
  const token = url.searchParams.get('session');
  if (token !== null) context.sessions.check(token, dashboardId);

  const requested = parseFault(url.searchParams.get('fault'));
  const parameters = await resolveParameters(
    dashboard,
    parseParameterPairs(url.searchParams.entries()),
    context.datasets,
  );
  const failing = parameters.schools.some((s) =>
    context.failingSchools.has(s.schoolId),
  );
  return { dashboard, parameters, fault: failing ? 'error' : requested };
}
