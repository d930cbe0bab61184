import {
  apiDependenciesFromEnvironment,
  createApiHandlers,
  type ApiHandler,
  type ApiRouteName,
} from '@snapshots/snapshot-service';

/**
 * The handler of one route, wired from the environment on the first
 * request and kept for the life of the Lambda container. Each route's
 * function is configured with only what that route needs.
 */
export function routeHandler(route: ApiRouteName): ApiHandler {
  const handlers = createApiHandlers(() =>
    apiDependenciesFromEnvironment(process.env, { route }),
  );
  return handlers[route];
}
