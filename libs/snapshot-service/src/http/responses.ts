import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  InvalidInputError,
  ReportNotFoundError,
  ScopeForbiddenError,
  SnapshotNotFoundError,
  SnapshotServiceError,
} from '../service-error';
import type { SnapshotView } from '../service/snapshot-view';

export type ApiResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

const baseHeaders = {
  'content-type': 'application/json',
  // Answers carry bearer links and per-caller data.
  'cache-control': 'no-store',
};

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResult {
  return {
    statusCode,
    headers: { ...baseHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * 200 for a READY or FAILED snapshot, 202 with `Location` and
 * `Retry-After` while it is on its way.
 */
export function viewResponse(view: SnapshotView, basePath: string): ApiResult {
  if (view.status === 'READY' || view.status === 'FAILED') {
    return json(200, view);
  }
  return json(202, view, {
    location: `${basePath}/snapshots/${view.snapshotId}`,
    'retry-after': String(view.retryAfterSeconds),
  });
}

/** The `{error: {code, message, details}}` answer for a known error. */
export function errorResponse(error: SnapshotServiceError): ApiResult {
  const details = error instanceof InvalidInputError ? error.issues : [];
  return json(statusOf(error), {
    error: { code: error.code, message: error.message, details },
  });
}

/** For anything unexpected: says nothing about the inside. */
export function internalErrorResponse(): ApiResult {
  return json(500, {
    error: {
      code: 'INTERNAL_ERROR',
      message: 'the request could not be completed',
      details: [],
    },
  });
}

function statusOf(error: SnapshotServiceError): number {
  if (error instanceof InvalidInputError) {
    switch (error.code) {
      case 'PAYLOAD_TOO_LARGE':
        return 413;
      case 'UNSUPPORTED_MEDIA_TYPE':
        return 415;
      case 'MALFORMED_JSON':
      case 'INVALID_REQUEST':
      case 'INVALID_PATH':
        return 400;
    }
  }
  if (error instanceof ReportNotFoundError) return 404;
  if (error instanceof SnapshotNotFoundError) return 404;
  if (error instanceof ScopeForbiddenError) return 403;
  return 503;
}
