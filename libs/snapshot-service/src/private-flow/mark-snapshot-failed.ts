import type { Logger } from '@snapshots/logging';
import type {
  SnapshotStatus,
  SnapshotStore,
} from '@snapshots/snapshot-metadata';
import { failureReason, type CaughtFailure } from './failure-reason';

export interface MarkFailedInput {
  snapshotId: string;
  /** The attempt the failing run was started for. */
  attempt?: number;
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
 * The final Catch of a render: whatever went wrong, the snapshot ends
 * FAILED so that no caller waits on it and the next request retries.
 *
 * Left as it is: a READY snapshot (the work got done after all), a FAILED
 * one (the worker's own reason says more), and a snapshot that a newer
 * request has already restarted under another attempt.
 */
export async function markSnapshotFailed(
  store: SnapshotStore,
  input: MarkFailedInput,
  logger?: Logger,
): Promise<MarkFailedOutcome> {
  const { snapshotId } = input;
  const record = await store.get(snapshotId, { consistent: true });
  if (!record) return { snapshotId, status: 'MISSING', changed: false };

  const superseded =
    input.attempt !== undefined && record.attempt !== input.attempt;
  if (record.status === 'READY' || record.status === 'FAILED' || superseded) {
    return {
      snapshotId,
      status: record.status,
      reason: record.failureReason,
      changed: false,
    };
  }

  const reason = failureReason(input.failure);
  let failed;
  try {
    failed = await store.markFailed(snapshotId, reason);
  } catch (error) {
    // The render may have finished between the read and the write.
    const now = await store.get(snapshotId, { consistent: true });
    if (now?.status !== 'READY') throw error;
    return { snapshotId, status: 'READY', changed: false };
  }
  logger?.warn('snapshot marked failed', {
    snapshotId,
    attempt: record.attempt,
    reason,
  });
  return {
    snapshotId,
    status: failed.status,
    reason: failed.failureReason,
    changed: true,
  };
}
