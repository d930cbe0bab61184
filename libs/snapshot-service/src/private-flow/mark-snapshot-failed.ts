import type { Logger } from '@snapshots/logging';
import {
  AttemptSupersededError,
  InvalidTransitionError,
  LeaseHeldError,
  SnapshotNotFoundError,
  type SnapshotStatus,
  type SnapshotStore,
} from '@snapshots/snapshot-metadata';
import { failureReason, type CaughtFailure } from './failure-reason';

export interface MarkFailedInput {
  snapshotId: string;
  /** The attempt the failing execution was started for. */
  attempt: number;
  failure?: CaughtFailure;
}

export interface MarkFailedOutcome {
  snapshotId: string;
  status: SnapshotStatus | 'MISSING';
  reason?: string;
  /** Whether this call wrote FAILED. */
  changed: boolean;
}

/**
 * The final Catch of a render: whatever went wrong, the attempt this
 * execution started ends FAILED so that no caller waits on it and the
 * next request retries.
 *
 * The store's condition leaves alone a READY snapshot (the work got done
 * after all), a FAILED one (the worker's own reason says more), one that a
 * newer request has started over, and one a worker still holds a live
 * lease on (it ends the work itself; if it dies, the snapshot's deadline
 * does).
 */
export async function markSnapshotFailed(
  store: SnapshotStore,
  input: MarkFailedInput,
  logger?: Logger,
): Promise<MarkFailedOutcome> {
  const { snapshotId, attempt } = input;
  const reason = failureReason(input.failure);

  let failed;
  try {
    failed = await store.markAttemptFailed(snapshotId, attempt, reason);
  } catch (error) {
    if (error instanceof SnapshotNotFoundError) {
      return { snapshotId, status: 'MISSING', changed: false };
    }
    if (!leftAlone(error)) throw error;
    logger?.info('snapshot left as it is', {
      snapshotId,
      attempt,
      why: error.message,
    });
    return unchanged(store, snapshotId);
  }

  logger?.warn('snapshot marked failed', { snapshotId, attempt, reason });
  return {
    snapshotId,
    status: failed.status,
    reason: failed.failureReason,
    changed: true,
  };
}

/** The refusals that are answers: someone else ends this snapshot. */
function leftAlone(
  error: unknown,
): error is InvalidTransitionError | AttemptSupersededError | LeaseHeldError {
  return (
    error instanceof InvalidTransitionError ||
    error instanceof AttemptSupersededError ||
    error instanceof LeaseHeldError
  );
}

/** The snapshot as it is now, to tell the execution's history. */
async function unchanged(
  store: SnapshotStore,
  snapshotId: string,
): Promise<MarkFailedOutcome> {
  const record = await store.get(snapshotId, { consistent: true });
  return {
    snapshotId,
    status: record?.status ?? 'MISSING',
    reason: record?.failureReason,
    changed: false,
  };
}
