import type { ServerResponse } from 'node:http';
import { RequestError } from '../report-server-error';
import type { ErrorBody } from '../visual-payload';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  response.end(html);
}

export function errorBody(error: RequestError): ErrorBody {
  return {
    error: { code: error.code, message: error.message, details: error.details },
  };
}

export function sendError(response: ServerResponse, error: RequestError): void {
  sendJson(response, error.status, errorBody(error));
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ] ?? c,
  );
}

/** Any error as a RequestError: ours keep their status, others are 500. */
export function asRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  return new RequestError(
    500,
    'INTERNAL_ERROR',
    'the report server failed',
    [],
    {
      cause: error,
    },
  );
}
