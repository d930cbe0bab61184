/** Base of the report server's errors. */
export class ReportServerError extends Error {
  override name = 'ReportServerError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Codes the page reports in ERROR_OCCURRED and the JSON endpoints answer. */
export type ReportErrorCode =
  | 'INVALID_PARAMETER'
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'SESSION_EXPIRED'
  | 'DOMAIN_NOT_ALLOWED'
  | 'VISUAL_ERROR'
  | 'INTERNAL_ERROR';

/**
 * A request the server answers with an error: its HTTP status, the code
 * the page passes on to its host, and what was wrong.
 */
export class RequestError extends ReportServerError {
  override name = 'RequestError';

  constructor(
    readonly status: number,
    readonly code: ReportErrorCode,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
