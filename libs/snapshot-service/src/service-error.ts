/** One problem with one field of the input, for the `details` of a 400. */
export interface InputIssue {
  /** Where the problem is, e.g. `filters.measure[2]`; empty for the whole. */
  path: string;
  message: string;
}

/**
 * Base of every error the snapshot service raises on purpose. Each one
 * carries a stable `code` a caller can branch on; the HTTP layer maps the
 * family to status codes, so nothing below it speaks HTTP.
 */
export class SnapshotServiceError extends Error {
  override readonly name: string = 'SnapshotServiceError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type InvalidInputCode =
  | 'MALFORMED_JSON'
  | 'INVALID_REQUEST'
  | 'INVALID_PATH'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE';

/** The request cannot be understood: bad JSON, field, path or size. */
export class InvalidInputError extends SnapshotServiceError {
  override readonly name = 'InvalidInputError';

  constructor(
    override readonly code: InvalidInputCode,
    message: string,
    readonly issues: readonly InputIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** No report in the catalogue has this id. */
export class ReportNotFoundError extends SnapshotServiceError {
  override readonly name = 'ReportNotFoundError';

  constructor(readonly reportId: string) {
    super('REPORT_NOT_FOUND', `no report "${reportId}"`);
  }
}

/** No snapshot has this id (or it has expired from the table). */
export class SnapshotNotFoundError extends SnapshotServiceError {
  override readonly name = 'SnapshotNotFoundError';

  constructor(readonly snapshotId: string) {
    super('SNAPSHOT_NOT_FOUND', `no snapshot "${snapshotId}"`);
  }
}

/** The caller's claims do not cover the school or region asked for. */
export class ScopeForbiddenError extends SnapshotServiceError {
  override readonly name = 'ScopeForbiddenError';

  constructor(
    readonly scope: { school: string | null; region: string | null },
  ) {
    super('SCOPE_FORBIDDEN', 'the caller may not see this school or region');
  }
}

/**
 * The render could not be started. The snapshot has been marked FAILED, so
 * the next request for it starts afresh.
 */
export class DispatchFailedError extends SnapshotServiceError {
  override readonly name = 'DispatchFailedError';

  constructor(
    readonly snapshotId: string,
    options?: { cause?: unknown },
  ) {
    super('DISPATCH_FAILED', 'the snapshot could not be started', options);
  }
}

/** The private worker group cannot be found or scaled. */
export class WorkerGroupError extends SnapshotServiceError {
  override readonly name = 'WorkerGroupError';

  constructor(
    readonly groupName: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('WORKER_GROUP', `worker group ${groupName} ${reason}`, options);
  }
}
