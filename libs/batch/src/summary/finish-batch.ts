import {
  AttemptSupersededError,
  InvalidTransitionError,
  LeaseHeldError,
  type SnapshotRecord,
} from '@snapshots/snapshot-metadata';
import type { BatchPlan } from '../batch-plan';
import { mapConcurrent } from '../map-concurrent';
import type { BatchLogger, SnapshotLedger } from '../ports';
import type { BatchLedger } from './batch-records';
import {
  failureLimit,
  failureOf,
  type BatchStatus,
  type BatchSummary,
} from './batch-summary';

export interface FinishBatchDependencies {
  snapshots: Pick<SnapshotLedger, 'listByBatch' | 'markAttemptFailed' | 'get'>;
  batches: Pick<BatchLedger, 'finish'>;
  clock: () => number;
  logger: BatchLogger;
  /** Records read per page of the batch index. */
  pageSize?: number;
}

/**
 * Ends a batch: every job of this batch still PENDING, or RENDERING under
 * a lease that ran out, is marked FAILED with the reason the batch stopped
 * waiting for it, so nothing stays in between; then the counts, the
 * failures and the duration are kept on the batch record and logged. Runs
 * after the workers are scaled in, on success as on failure, so it must
 * not depend on anything but the plan.
 *
 * A job under a live lease is left to its worker, which ends it READY or
 * FAILED (or, if it dies, the job's deadline does); a job that another
 * batch or a private request took over is theirs. Both count as not READY
 * here.
 */
export async function finishBatch(
  plan: BatchPlan,
  dependencies: FinishBatchDependencies,
): Promise<BatchSummary> {
  const status = statusOf(plan);
  const leftover = leftoverReason(plan, status);
  const tally = { total: 0, ready: 0, failed: 0 };
  const failures: ReturnType<typeof failureOf>[] = [];

  let cursor: string | undefined;
  do {
    const page = await dependencies.snapshots.listByBatch(plan.batchId, {
      limit: dependencies.pageSize ?? 500,
      cursor,
    });
    const ended = await mapConcurrent(page.records, 16, (record) =>
      endJob(plan, record, leftover, dependencies.snapshots),
    );
    for (const record of ended) {
      tally.total++;
      if (record.status === 'READY') tally.ready++;
      else {
        tally.failed++;
        if (failures.length < failureLimit) failures.push(failureOf(record));
      }
    }
    cursor = page.cursor;
  } while (cursor);

  const finishedAt = dependencies.clock();
  const summary: BatchSummary = {
    batchId: plan.batchId,
    reportId: plan.reportId,
    status,
    reportVersion: plan.revision.version,
    dataEpoch: plan.revision.dataEpoch,
    ...tally,
    skipped: plan.skipped,
    campuses: plan.campuses,
    startedAt: plan.startedAt,
    finishedAt,
    durationMs: finishedAt - plan.startedAt,
    failures,
    failuresTruncated: tally.failed > failures.length,
    ...(plan.error ? { error: errorText(plan.error) } : {}),
  };
  await dependencies.batches.finish(summary);

  const { failures: _listed, ...counts } = summary;
  dependencies.logger.info('batch finished', { ...counts });
  return summary;
}

function statusOf(plan: BatchPlan): Exclude<BatchStatus, 'RUNNING'> {
  if (plan.error) return 'FAILED';
  if (plan.progress.reason === 'timedOut') return 'TIMED_OUT';
  return 'SUCCEEDED';
}

function leftoverReason(
  plan: BatchPlan,
  status: Exclude<BatchStatus, 'RUNNING'>,
): string {
  if (status === 'FAILED') {
    return `batch failed: ${errorText(plan.error)}`;
  }
  if (status === 'TIMED_OUT') {
    const seconds = Math.round((plan.deadline - plan.startedAt) / 1000);
    return `batch timed out after ${seconds} s`;
  }
  return 'job left the queue without ending (dead-letter queue)';
}

/**
 * A job as it ends: READY and FAILED stay; the attempt this batch last saw
 * of anything else is failed now, if the store's conditions let it. The
 * index may lag behind the table, so a job it shows unfinished is read
 * again before it is touched; the write's condition then catches whatever
 * changed after that read.
 */
async function endJob(
  plan: BatchPlan,
  record: SnapshotRecord,
  reason: string,
  snapshots: FinishBatchDependencies['snapshots'],
): Promise<SnapshotRecord> {
  if (record.status === 'READY' || record.status === 'FAILED') return record;

  const current = await snapshots.get(record.snapshotId, { consistent: true });
  if (!current || !stillOurs(plan, current)) return record;
  if (current.status === 'READY' || current.status === 'FAILED') {
    return current;
  }
  try {
    return await snapshots.markAttemptFailed(
      current.snapshotId,
      current.attempt,
      reason,
    );
  } catch (error) {
    if (!leftToOthers(error)) throw error;
    const after = await snapshots.get(record.snapshotId, { consistent: true });
    return after ?? current;
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

function errorText(error: BatchPlan['error']): string {
  if (!error) return 'unknown error';
  const cause = parseCause(error.Cause);
  return [error.Error, cause].filter(Boolean).join(': ') || 'unknown error';
}

/**
 * Lambda puts `{"errorType","errorMessage",...}` as JSON text in Cause;
 * other sources give plain text.
 */
function parseCause(cause: unknown): string {
  if (typeof cause !== 'string') return cause ? JSON.stringify(cause) : '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // plain text
  }
  return cause;
}
