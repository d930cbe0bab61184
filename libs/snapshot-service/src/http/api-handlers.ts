import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@snapshots/logging';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
} from 'aws-lambda';
import { callerFromClaims, type Caller } from '../access/caller';
import { SnapshotServiceError } from '../service-error';
import {
  SnapshotService,
  type SnapshotServiceOptions,
} from '../service/snapshot-service';
import { readJsonBody } from './read-body';
import {
  errorResponse,
  internalErrorResponse,
  json,
  viewResponse,
  type ApiResult,
} from './responses';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiHandler = (
  event: ApiEvent,
  context?: Context,
) => Promise<ApiResult>;

/** The three routes of the HTTP API. */
export interface ApiHandlers {
  /** `POST /reports/{reportId}/snapshots` */
  requestSnapshot: ApiHandler;
  /** `GET /snapshots/{snapshotId}` */
  getSnapshot: ApiHandler;
  /** `GET /reports` */
  listReports: ApiHandler;
}

/** Everything the handlers need, built once per process. */
export interface ApiDependencies extends Omit<
  SnapshotServiceOptions,
  'logger' | 'metrics'
> {
  logger: Logger;
  metrics: Metrics;
}

type Work = (
  service: SnapshotService,
  caller: Caller,
  event: ApiEvent,
) => Promise<ApiResult> | ApiResult;

/**
 * Builds the API Gateway (payload v2) handlers over the snapshot service.
 * The Lambda entry points and the local HTTP server both call these, so
 * the two answer alike.
 *
 * Dependencies load on the first request and are kept; a load that fails
 * is retried by the next request and answered with a 500 meanwhile.
 *
 * @example
 * const handlers = createApiHandlers(() => apiDependenciesFromEnvironment());
 * export const handler = handlers.requestSnapshot;
 */
export function createApiHandlers(
  load: () => Promise<ApiDependencies>,
): ApiHandlers {
  const dependencies = remember(load);
  const route = (work: Work): ApiHandler => {
    return (event, context) => answer(dependencies, work, event, context);
  };

  return {
    requestSnapshot: route(async (service, caller, event) => {
      const body = readJsonBody(event);
      const view = await service.request(
        caller,
        event.pathParameters?.reportId,
        body,
      );
      return viewResponse(view, basePath(event));
    }),
    getSnapshot: route(async (service, caller, event) => {
      const view = await service.status(
        caller,
        event.pathParameters?.snapshotId,
      );
      return viewResponse(view, basePath(event));
    }),
    listReports: route((service, caller) =>
      json(200, {
        reports: service.listReports(caller),
        grants: {
          schools: [...caller.schools].sort(),
          regions: [...caller.regions].sort(),
          admin: caller.admin,
        },
      }),
    ),
  };
}

async function answer(
  dependencies: () => Promise<ApiDependencies>,
  work: Work,
  event: ApiEvent,
  context: Context | undefined,
): Promise<ApiResult> {
  let loaded: ApiDependencies;
  try {
    loaded = await dependencies();
  } catch (error) {
    process.stderr.write(`snapshot-api: not configured: ${String(error)}\n`);
    return internalErrorResponse();
  }

  // One logger per request: a local server answers many at once.
  const logger = loaded.logger.createChild();
  if (context) logger.addContext(context);
  logger.appendKeys({
    requestId: event.requestContext.requestId,
    route: event.routeKey,
  });
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  const service = new SnapshotService({ ...loaded, logger });

  try {
    const result = await work(service, caller, event);
    logger.info('request answered', { status: result.statusCode });
    return result;
  } catch (error) {
    if (error instanceof SnapshotServiceError) {
      const result = errorResponse(error);
      const level = result.statusCode >= 500 ? 'error' : 'info';
      logger[level]('request refused', {
        status: result.statusCode,
        code: error.code,
      });
      return result;
    }
    logger.error('request failed', { error: error as Error });
    return internalErrorResponse();
  } finally {
    if (loaded.metrics.hasStoredMetrics()) {
      loaded.metrics.publishStoredMetrics();
    }
  }
}

/** Links must keep the stage prefix of a non-default API stage. */
function basePath(event: ApiEvent): string {
  const stage = event.requestContext.stage;
  return !stage || stage === '$default' ? '' : `/${stage}`;
}

function remember<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
