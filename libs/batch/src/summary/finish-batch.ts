import { setTimeout as sleep } from 'node:timers/promises';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';
import type { BatchPlan } from '../batch-plan';
import { mapConcurrent } from '../map-concurrent';
import type { BatchLogger, SnapshotLedger } from '../ports';
import type { BatchLedger } from './batch-records';
import { endJob, type JobEnding } from './end-job';
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
  /** How long, in all, to wait for live leases to end (ms). */
  leaseWaitMs?: number;
  /** Waits; tests hand in one that moves their clock. */
  sleep?: (ms: number) => Promise<unknown>;
}

// Scaled in, a worker stops taking jobs, drains (60 s by default) and
// releases what it still holds, or is stopped and its lease runs out (one
// lease, 60 s by default). Well within the finish step's 540 s.
const defaultLeaseWaitMs = 180_000;
// A lease is looked at again this long after it was due to run out.
const leaseSlackMs = 1000;
// And a few rounds at most, whatever the clock says.
const maxLeaseRounds = 5;

/**
 * Ends a batch: every job of this batch still PENDING, or RENDERING under
 * a lease that ran out, is marked FAILED with the reason the batch stopped
 * waiting for it, so nothing stays in between; then the counts, the
 * failures and the duration are kept on the batch record and logged. Runs
 * after the workers are scaled in, on success as on failure, so it must
 * not depend on anything but the plan.
 *
 * A job under a live lease is never failed: its worker, draining, ends it
 * READY, or hands it back, or dies and its lease runs out. So such jobs
 * are tried again once their leases are due, for a bounded while; one
 * still held after that is left to its worker (and, should it die, to the
 * job's deadline). A job that another batch or a private request took over
 * is theirs. Jobs left either way count as not READY here.
 */
export async function finishBatch(
  plan: BatchPlan,
  dependencies: FinishBatchDependencies,
): Promise<BatchSummary> {
  const status = statusOf(plan);
  const leftover = leftoverReason(plan, status);
  const tally = { total: 0, ready: 0, failed: 0 };
  const failures: ReturnType<typeof failureOf>[] = [];
  const held: JobEnding[] = [];
  const count = (record: SnapshotRecord) => {
    tally.total++;
    if (record.status === 'READY') tally.ready++;
    else {
      tally.failed++;
      if (failures.length < failureLimit) failures.push(failureOf(record));
    }
  };

  let cursor: string | undefined;
  do {
    const page = await dependencies.snapshots.listByBatch(plan.batchId, {
      limit: dependencies.pageSize ?? 500,
      cursor,
    });
    const endings = await mapConcurrent(page.records, 16, (record) =>
      endJob(plan, record, leftover, dependencies.snapshots),
    );
    // At most one job per worker slot is held: few enough to keep.
    held.push(...endings.filter((ending) => ending.held));
    for (const { record } of endings.filter((ending) => !ending.held)) {
      count(record);
    }
    cursor = page.cursor;
  } while (cursor);

  const settled = await waitForHolders(plan, held, leftover, dependencies);
  for (const { record } of settled) count(record);

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
 * Tries the jobs held under live leases again once their leases are due,
 * until none is held or the wait is spent; answers how each ended.
 */
async function waitForHolders(
  plan: BatchPlan,
  held: JobEnding[],
  reason: string,
  dependencies: FinishBatchDependencies,
): Promise<JobEnding[]> {
  const { clock, logger, snapshots } = dependencies;
  const wait = dependencies.sleep ?? sleep;
  const giveUpAt = clock() + (dependencies.leaseWaitMs ?? defaultLeaseWaitMs);
  let endings = held;
  const holding = () => endings.filter((ending) => ending.held);

  for (
    let round = 0;
    round < maxLeaseRounds && holding().length > 0 && clock() < giveUpAt;
    round++
  ) {
    const due = Math.max(
      ...holding().map((ending) => ending.record.leaseExpiresAt ?? 0),
    );
    const waitMs = Math.min(
      Math.max(due + leaseSlackMs - clock(), leaseSlackMs),
      giveUpAt - clock(),
    );
    logger.info('batch waits for leases', {
      batchId: plan.batchId,
      held: holding().length,
      waitMs,
    });
    await wait(waitMs);

    endings = await mapConcurrent(endings, 16, (ending) =>
      ending.held
        ? endJob(plan, ending.record, reason, snapshots)
        : Promise.resolve(ending),
    );
  }

  const left = holding();
  if (left.length > 0) {
    logger.warn('jobs left to their workers', {
      batchId: plan.batchId,
      snapshotIds: left.map((ending) => ending.record.snapshotId),
    });
  }
  return endings;
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
