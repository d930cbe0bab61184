export {
  startApiServer,
  type ApiServer,
  type ApiServerOptions,
} from './start-api-server';
export {
  localTokenKey,
  mintToken,
  verifyToken,
  type LocalClaims,
  type MintTokenOptions,
} from './local-token';
export {
  gatewayClaims,
  toApiGatewayEvent,
  type MatchedRoute,
  type PlainRequest,
} from './api-gateway-event';
export {
  ApiServerError,
  TokenKeyError,
  UnauthorizedError,
} from './api-server-error';
