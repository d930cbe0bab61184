import {
  AttemptSupersededError,
  InvalidTransitionError,
  LeaseHeldError,
  type SnapshotRecord,
} from '@snapshots/snapshot-metadata';
import type { BatchPlan } from '../batch-plan';
import type { SnapshotLedger } from '../ports';

/** How one job of a finishing batch ended, or why it did not yet. */
export interface JobEnding {
  record: SnapshotRecord;
  /** Refused for a live lease: its worker may still end it. */
  held: boolean;
}

/**
 * A job as its batch ends: READY and FAILED stay; the attempt this batch
 * last saw of anything else is failed now, if the store's conditions let
 * it. The index may lag behind the table, so a job it shows unfinished is
 * read again before it is touched; the write's condition then catches
 * whatever changed after that read.
 */
export async function endJob(
  plan: BatchPlan,
  record: SnapshotRecord,
  reason: string,
  snapshots: Pick<SnapshotLedger, 'markAttemptFailed' | 'get'>,
): Promise<JobEnding> {
  if (record.status === 'READY' || record.status === 'FAILED') {
    return { record, held: false };
  }

  const current = await snapshots.get(record.snapshotId, { consistent: true });
  if (!current || !stillOurs(plan, current)) return { record, held: false };
  if (current.status === 'READY' || current.status === 'FAILED') {
    return { record: current, held: false };
  }
  try {
    const failed = await snapshots.markAttemptFailed(
      current.snapshotId,
      current.attempt,
      reason,
    );
    return { record: failed, held: false };
  } catch (error) {
    if (!leftToOthers(error)) throw error;
    const after = await snapshots.get(record.snapshotId, { consistent: true });
    return {
      record: after ?? current,
      held: error instanceof LeaseHeldError,
    };
  }
}

/**
 * Whether a job is still this batch's work. A private request that takes
 * over a snapshot of a batch keeps its batch id, but writes a deadline of
 * its own; a record without one was written by a starter that gives none.
 */
function stillOurs(plan: BatchPlan, record: SnapshotRecord): boolean {
  return (
    record.batchId === plan.batchId &&
    (record.deadline === undefined || record.deadline === plan.deadline)
  );
}

/** Refusals that say someone else ends the job: not failures of ours. */
function leftToOthers(error: unknown): boolean {
  return (
    error instanceof InvalidTransitionError ||
    error instanceof AttemptSupersededError ||
    error instanceof LeaseHeldError
  );
}
