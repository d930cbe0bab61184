import type { BatchPlan, BatchProgressState, TrackReason } from '../batch-plan';
import type { BatchLogger, SnapshotLedger } from '../ports';

export interface TrackBatchDependencies {
  snapshots: Pick<SnapshotLedger, 'countByBatch'>;
  queueDepth: () => Promise<number>;
  clock: () => number;
  logger: BatchLogger;
}

/**
 * One look at a running batch: how many of its jobs are in each state
 * (through the metadata's batch index) and how many messages the queue
 * still holds. The batch is settled when every job has ended, when its
 * deadline has passed, or when the queue has stayed empty for several
 * checks while jobs are still unfinished: such jobs left the queue without
 * ending (a worker that crashed on them until they moved to the
 * dead-letter queue) and nobody will finish them.
 *
 * The batch index is eventually consistent, so "ended" also needs as
 * many ended jobs as the plan enqueued: a fresh index cannot claim an
 * early end by not showing jobs yet.
 */
export async function trackBatch(
  plan: BatchPlan,
  dependencies: TrackBatchDependencies,
): Promise<BatchProgressState> {
  const [counts, depth] = await Promise.all([
    dependencies.snapshots.countByBatch(plan.batchId),
    dependencies.queueDepth(),
  ]);
  const now = dependencies.clock();

  const unfinished = counts.PENDING + counts.RENDERING;
  const ended = counts.READY + counts.FAILED;
  const idleChecks =
    depth === 0 && unfinished > 0 ? plan.progress.idleChecks + 1 : 0;

  let reason: TrackReason = 'running';
  if (unfinished === 0 && ended >= plan.jobs) reason = 'ended';
  else if (now >= plan.deadline) reason = 'timedOut';
  else if (idleChecks >= plan.stallChecks) reason = 'stalled';

  const progress: BatchProgressState = {
    settled: reason !== 'running',
    reason,
    counts: {
      PENDING: counts.PENDING,
      RENDERING: counts.RENDERING,
      READY: counts.READY,
      FAILED: counts.FAILED,
    },
    queueDepth: depth,
    idleChecks,
    checkedAt: now,
  };
  dependencies.logger.info('batch checked', {
    batchId: plan.batchId,
    reportId: plan.reportId,
    reason,
    queueDepth: depth,
    ...progress.counts,
  });
  return progress;
}
