import type { SnapshotStatus } from './snapshot-record';

/** Base of every error the metadata stores raise. */
export class MetadataError extends Error {
  override readonly name: string = 'MetadataError';
}

/** DynamoDB failed or returned something that is not ours; see `cause`. */
export class MetadataStoreError extends MetadataError {
  override readonly name: string = 'MetadataStoreError';
}

/** Writers kept changing a record faster than a transition could land. */
export class ContentionError extends MetadataError {
  override readonly name = 'ContentionError';

  constructor(readonly id: string) {
    super(`record ${id} kept changing; giving up`);
  }
}

export class SnapshotNotFoundError extends MetadataError {
  override readonly name = 'SnapshotNotFoundError';

  constructor(readonly snapshotId: string) {
    super(`snapshot ${snapshotId} does not exist`);
  }
}

/** A transition was asked of a record in a state it cannot leave that way. */
export class InvalidTransitionError extends MetadataError {
  override readonly name: string = 'InvalidTransitionError';

  constructor(
    readonly id: string,
    readonly action: string,
    readonly status: string,
  ) {
    super(`cannot ${action} ${id}: it is ${status}`);
  }
}

/** The snapshot is already READY; there is nothing left to render. */
export class AlreadyReadyError extends InvalidTransitionError {
  override readonly name = 'AlreadyReadyError';

  constructor(snapshotId: string, action: string) {
    super(snapshotId, action, 'READY' satisfies SnapshotStatus);
  }
}

/** Another worker holds a live lease on the snapshot. */
export class LeaseHeldError extends MetadataError {
  override readonly name = 'LeaseHeldError';

  constructor(
    readonly snapshotId: string,
    readonly holder: string | undefined,
    readonly leaseExpiresAt: number | undefined,
  ) {
    super(`snapshot ${snapshotId} is being rendered by ${holder ?? '?'}`);
  }
}

/** The work was started over (reset or taken over) since that attempt. */
export class AttemptSupersededError extends MetadataError {
  override readonly name = 'AttemptSupersededError';

  constructor(
    readonly snapshotId: string,
    readonly attempt: number,
    readonly currentAttempt: number,
  ) {
    super(
      `attempt ${attempt} of ${snapshotId} is over; ` +
        `attempt ${currentAttempt} is under way`,
    );
  }
}

/** The caller no longer holds the lease it is acting under. */
export class NotLeaseHolderError extends MetadataError {
  override readonly name = 'NotLeaseHolderError';

  constructor(
    readonly snapshotId: string,
    readonly owner: string,
    readonly holder: string | undefined,
  ) {
    super(
      `${owner} does not hold the lease on ${snapshotId}` +
        (holder ? ` (${holder} does)` : ''),
    );
  }
}

/** A page size or cursor that this listing cannot use. */
export class InvalidPageError extends MetadataError {
  override readonly name = 'InvalidPageError';
}

export class BatchNotFoundError extends MetadataError {
  override readonly name = 'BatchNotFoundError';

  constructor(readonly batchId: string) {
    super(`batch ${batchId} does not exist`);
  }
}
