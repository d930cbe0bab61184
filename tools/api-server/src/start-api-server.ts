import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@snapshots/logging';
import {
  apiDependenciesFromEnvironment,
  createApiHandlers,
  matchApiRoute,
  type ApiHandlers,
  type ApiResult,
} from '@snapshots/snapshot-service';
import type { Context } from 'aws-lambda';
import { toApiGatewayEvent, type PlainRequest } from './api-gateway-event';
import { ApiServerError, UnauthorizedError } from './api-server-error';
import { localTokenKey, verifyToken } from './local-token';

export interface ApiServerOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** The interface to listen on; loopback when absent. */
  host?: string;
  /** The handlers to call; those of the Lambda functions when absent. */
  handlers?: ApiHandlers;
  /** Where those handlers read their settings; `process.env` by default. */
  environment?: Record<string, string | undefined>;
  /** The token signing key; the shared local key file when absent. */
  tokenKey?: Uint8Array;
  logger?: Logger;
}

export interface ApiServer {
  /** e.g. `http://127.0.0.1:43121` */
  url: string;
  stop(): Promise<void>;
}

// API Gateway's own limit is 10 MB; nothing this API takes comes close.
const maxBodyBytes = 1024 * 1024;

/**
 * Serves the snapshot API locally, playing API Gateway's part: it routes
 * the request, checks the bearer token as the JWT authorizer would (401
 * before any handler runs), turns the request into the same payload v2
 * event, and calls the same handlers the Lambda functions export.
 *
 * @example
 * const api = await startApiServer({ port: 3000 });
 * console.log(api.url);
 */
export async function startApiServer(
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const handlers =
    options.handlers ??
    createApiHandlers(() =>
      apiDependenciesFromEnvironment(options.environment),
    );
  const key = options.tokenKey ?? localTokenKey();
  const logger = options.logger ?? createLogger('api-server');

  const server = createServer((request, response) => {
    serve(request, response, handlers, key).catch((error: unknown) => {
      logger.error('request not answered', { error: error as Error });
      if (!response.headersSent) {
        writeGatewayError(response, 500, 'Internal Server Error');
      } else {
        response.destroy();
      }
    });
  });
  // Polling clients keep connections alive; do not hold them forever.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new ApiServerError('the API server did not start', { cause })),
    );
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });

  const address = server.address() as AddressInfo;
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handlers: ApiHandlers,
  key: Uint8Array,
): Promise<void> {
  const body = await readBody(request);
  if (body === 'too large') {
    return writeGatewayError(response, 413, 'Request Entity Too Large');
  }

  const plain: PlainRequest = {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  };
  const path = plain.url.split('?')[0] ?? '/';
  const match = matchApiRoute(plain.method, path);
  if (!match) return writeGatewayError(response, 404, 'Not Found');

  let claims;
  try {
    claims = await verifyToken(bearerToken(request), key);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    return writeGatewayError(response, 401, 'Unauthorized');
  }

  const event = toApiGatewayEvent(
    plain,
    { routeKey: match.route.routeKey, pathParameters: match.pathParameters },
    claims,
  );
  const result = await handlers[match.route.handler](
    event,
    lambdaContext(event.requestContext.requestId),
  );
  writeResult(response, result);
}

function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new UnauthorizedError('no bearer token');
  return match[1];
}

async function readBody(
  request: IncomingMessage,
): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBodyBytes) return 'too large';
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function writeResult(response: ServerResponse, result: ApiResult): void {
  const body = result.isBase64Encoded
    ? Buffer.from(result.body, 'base64')
    : Buffer.from(result.body, 'utf8');
  response.writeHead(result.statusCode, {
    ...result.headers,
    ...(result.cookies ? { 'set-cookie': result.cookies } : {}),
    'content-length': body.length,
  });
  response.end(body);
}

/** API Gateway's own answers, before or instead of a handler. */
function writeGatewayError(
  response: ServerResponse,
  status: number,
  message: string,
): void {
  const body = JSON.stringify({ message });
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Enough of a Lambda context for the logger's fixed fields. */
function lambdaContext(requestId: string): Context {
  const functionName = 'snapshot-api-local';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId || randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
