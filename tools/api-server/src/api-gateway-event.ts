import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiEvent } from '@snapshots/snapshot-service';
import type { JWTPayload } from 'jose';

/** A plain HTTP request, read in full, on its way to a handler. */
export interface PlainRequest {
  method: string;
  /** Path and query as sent, e.g. `/snapshots/snp_x?a=1`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

export interface MatchedRoute {
  routeKey: string;
  pathParameters: Record<string, string>;
}

/**
 * The API Gateway HTTP API event (payload format 2.0) that AWS would hand
 * the Lambda function for this request, with the verified claims where
 * the JWT authorizer puts them.
 */
export function toApiGatewayEvent(
  request: PlainRequest,
  route: MatchedRoute,
  claims: JWTPayload,
): ApiEvent {
  const [rawPath = '/', rawQueryString = ''] = splitUrl(request.url);
  const { headers, cookies } = flattenHeaders(request.headers);
  const now = new Date();
  const body = encodeBody(request.body);

  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    queryStringParameters: queryParameters(rawQueryString),
    pathParameters: route.pathParameters,
    ...body,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: gatewayClaims(claims), scopes: null },
      },
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

/**
 * Claims as the JWT authorizer passes them on: every value a string, a
 * list written `[a b c]`, so handlers meet locally what they meet in AWS.
 */
export function gatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    const text = claimText(value);
    if (text !== undefined) claims[name] = text;
  }
  return claims;
}

function claimText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        return `[${value.map((item) => claimText(item) ?? '').join(' ')}]`;
      }
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
}

function splitUrl(url: string): [string, string] {
  const index = url.indexOf('?');
  return index < 0 ? [url, ''] : [url.slice(0, index), url.slice(index + 1)];
}

function flattenHeaders(incoming: IncomingHttpHeaders): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = String(value).split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return { headers, cookies };
}

/** Repeated names are joined with commas, as API Gateway does. */
function queryParameters(
  rawQueryString: string,
): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] =
      name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

/**
 * Text when the bytes are UTF-8, base64 otherwise, so a handler can tell
 * a body with broken characters from one without.
 */
function encodeBody(body: Buffer): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    const text = new TextDecoder('utf-8', {
      fatal: true,
      ignoreBOM: true,
    }).decode(body);
    return { body: text, isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
}
