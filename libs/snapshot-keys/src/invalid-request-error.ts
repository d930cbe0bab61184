/** One problem with one field of a request. */
export interface RequestIssue {
  /** Where the problem is, e.g. `filters.measure[2]`; empty for the whole. */
  path: string;
  message: string;
}

/**
 * Raised when a snapshot request cannot be understood. It lists every
 * problem at once, each with its field, so the API can answer 400 with
 * details a caller can act on.
 */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';

  constructor(
    readonly issues: readonly RequestIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      'invalid snapshot request: ' +
        issues
          .map((issue) =>
            issue.path ? `${issue.path} ${issue.message}` : issue.message,
          )
          .join('; '),
      options,
    );
  }
}
