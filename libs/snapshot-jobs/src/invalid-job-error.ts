/** One problem with one field of a queue message. */
export interface JobIssue {
  /** e.g. `request.filters.year[0]`; empty for the whole message. */
  path: string;
  message: string;
}

/**
 * Raised for a queue message that is not a snapshot job. Such a message
 * can never succeed, so a consumer should park it (dead-letter queue)
 * instead of retrying it.
 */
export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError';

  constructor(
    readonly issues: readonly JobIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      'invalid snapshot job: ' +
        issues
          .map((issue) =>
            issue.path ? `${issue.path} ${issue.message}` : issue.message,
          )
          .join('; '),
      options,
    );
  }
}
