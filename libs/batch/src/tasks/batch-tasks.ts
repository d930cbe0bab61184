import type { SQSClient } from '@aws-sdk/client-sqs';
import { BatchDependencyError, BatchError } from '../batch-error';
import {
  parseBatchPlan,
  type BatchPlan,
  type BatchProgressState,
} from '../batch-plan';
import { enqueueJobs } from '../enqueuer/enqueue-jobs';
import { lockStaleAt, type BatchLock } from '../lock/batch-lock';
import { planPage } from '../planner/plan-page';
import { startBatch, type StartBatchEvent } from '../planner/start-batch';
import type {
  BatchLogger,
  CampusDirectory,
  CampusSource,
  DataEpochSource,
  ReportLookup,
  SnapshotLedger,
} from '../ports';
import { scaleWorkers } from '../scaling/scale-workers';
import type { GroupCapacity, WorkerGroup } from '../scaling/worker-group';
import type { BatchLedger } from '../summary/batch-records';
import type { BatchSummary } from '../summary/batch-summary';
import { finishBatch } from '../summary/finish-batch';
import { queueDepth } from '../tracker/queue-depth';
import { trackBatch } from '../tracker/track-batch';

/** Everything the steps of a batch talk to. */
export interface BatchTaskDependencies {
  reports: ReportLookup;
  datasets: CampusSource & DataEpochSource;
  directory: CampusDirectory;
  snapshots: SnapshotLedger;
  batches: BatchLedger;
  /** One batch at a time on the worker group. */
  lock: BatchLock;
  sqs: SQSClient;
  queueUrl: string;
  workers: WorkerGroup;
  logger: BatchLogger;
  clock?: () => number;
  /** SendMessageBatch calls in flight at once while enqueuing. */
  sendConcurrency?: number;
  /** Metadata writes in flight at once while planning. */
  writeConcurrency?: number;
}

/** The steps of the batch state machine, one function each. */
export interface BatchTasks {
  planBatch(event: unknown): Promise<BatchPlan>;
  enqueueJobs(plan: unknown): Promise<BatchPlan>;
  scaleWorkers(event: unknown): Promise<GroupCapacity>;
  trackBatch(plan: unknown): Promise<BatchProgressState>;
  finishBatch(plan: unknown): Promise<BatchSummary>;
}

/**
 * Builds the batch steps over their collaborators. The Lambda handlers of
 * the orchestration app call these, and so does the local Step Functions
 * stand-in (through `batchStateHandlers`): one code path in both places.
 *
 * Errors of other libraries and of the AWS SDK leave a step as
 * `BatchDependencyError`, which the state machine retries; this library's
 * own errors (bad input, an unknown report) are not retried.
 */
export function createBatchTasks(
  dependencies: BatchTaskDependencies,
): BatchTasks {
  const clock = dependencies.clock ?? Date.now;
  const { logger } = dependencies;

  return {
    planBatch: (event) =>
      step('plan-batch', async () => {
        const plan = await startBatch(event as StartBatchEvent, {
          reports: dependencies.reports,
          epochs: dependencies.datasets,
          clock,
        });
        await holdWorkerGroup(plan, dependencies);
        try {
          await dependencies.batches.start({
            batchId: plan.batchId,
            reportId: plan.reportId,
            startedAt: plan.startedAt,
          });
        } catch (error) {
          // A batch that never started must not keep others out.
          await dependencies.lock.release(plan.batchId).catch(() => false);
          throw error;
        }
        logger.info('batch started', {
          batchId: plan.batchId,
          reportId: plan.reportId,
          reportVersion: plan.revision.version,
          dataEpoch: plan.revision.dataEpoch,
          schools: plan.schools?.length ?? 'all',
        });
        return plan;
      }),

    enqueueJobs: (input) =>
      step('enqueue-jobs', async () => {
        const plan = await planPage(parseBatchPlan(input), {
          campuses: dependencies.datasets,
          directory: dependencies.directory,
          snapshots: dependencies.snapshots,
          enqueue: (jobs) =>
            enqueueJobs(dependencies.sqs, dependencies.queueUrl, jobs, {
              concurrency: dependencies.sendConcurrency,
            }),
          clock,
          logger,
          writeConcurrency: dependencies.writeConcurrency,
        });
        if (plan.complete) {
          await dependencies.batches.planned(plan.batchId, plan.jobs);
        }
        return plan;
      }),

    scaleWorkers: (event) =>
      step('scale-workers', () =>
        scaleWorkers(event, { workers: dependencies.workers, logger }),
      ),

    trackBatch: (input) =>
      step('track-batch', () =>
        trackBatch(parseBatchPlan(input), {
          snapshots: dependencies.snapshots,
          queueDepth: () => queueDepth(dependencies.sqs, dependencies.queueUrl),
          clock,
          logger,
        }),
      ),

    finishBatch: (input) =>
      step('finish-batch', async () => {
        const plan = parseBatchPlan(input);
        const summary = await finishBatch(plan, {
          snapshots: dependencies.snapshots,
          batches: dependencies.batches,
          clock,
          logger,
        });
        // Every path of the state machine ends here, after the scale-in:
        // the next batch may have the worker group now. A failed release
        // fails the step, which is retried; finishing again is harmless.
        const released = await dependencies.lock.release(plan.batchId);
        logger.info('batch lock released', {
          batchId: plan.batchId,
          released,
        });
        return summary;
      }),
  };
}

/**
 * The batch state machine's Task states, by name, bound to their steps:
 * what the local Step Functions stand-in runs in place of the Lambdas.
 */
export function batchStateHandlers(
  tasks: BatchTasks,
): Record<string, (input: unknown) => Promise<unknown>> {
  return {
    PlanBatch: (input) => tasks.planBatch(input),
    EnqueueJobs: (input) => tasks.enqueueJobs(input),
    ScaleOut: (input) => tasks.scaleWorkers(input),
    TrackBatch: (input) => tasks.trackBatch(input),
    ScaleIn: (input) => tasks.scaleWorkers(input),
    FinishBatch: (input) => tasks.finishBatch(input),
    ScaleInAfterFailure: (input) => tasks.scaleWorkers(input),
    FinishFailedBatch: (input) => tasks.finishBatch(input),
  };
}

/**
 * Takes the batch worker group for a batch that is starting; refuses it
 * while another batch holds the group, and takes the group over from one
 * whose hold went stale (it died without finishing).
 */
async function holdWorkerGroup(
  plan: BatchPlan,
  dependencies: Pick<BatchTaskDependencies, 'lock' | 'logger'>,
): Promise<void> {
  const { tookOver } = await dependencies.lock.take({
    batchId: plan.batchId,
    reportId: plan.reportId,
    staleAt: lockStaleAt(plan),
  });
  if (tookOver) {
    dependencies.logger.warn('stale batch lock taken over', {
      batchId: plan.batchId,
      staleBatchId: tookOver.batchId,
      staleSince: tookOver.staleAt,
    });
  }
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BatchError) throw error;
    throw new BatchDependencyError(name, { cause: error });
  }
}
