import { CapturePool } from '@snapshots/capture';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { createLogger, type Logger } from '@snapshots/logging';
import { HostAllowList } from '@snapshots/quicksight-url';
import { defaultCatalogue } from '@snapshots/reports';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { CaptureRenderer } from './capture-renderer';
import { embedUrlSource } from './embed-url-source';
import { JobProcessor } from './job-processor';
import {
  JobQueues,
  resolveJobQueues,
  VISIBILITY_MARGIN_SECONDS,
} from './job-queues';
import { S3SnapshotObjects } from './s3-snapshot-objects';
import { SfnTaskCallbacks } from './sfn-task-callbacks';
import { StoreLeases } from './store-leases';
import { Worker } from './worker';
import { createEmfMetrics } from './worker-metrics';
import type { WorkerSettings } from './worker-settings';

export interface RunningWorker {
  workerId: string;
  /** Settles when the worker has stopped and let go of everything. */
  done: Promise<void>;
  /** Stops receiving, drains, and resolves with `done`. */
  stop(): Promise<void>;
}

export const SERVICE_NAME = 'snapshot-worker';

/**
 * Builds a worker from its settings, with real clients and a running
 * browser, and starts its loop. A process runs one; the command line may
 * run several side by side.
 *
 * @example
 * const worker = await startWorker(readWorkerSettings());
 * process.once('SIGTERM', () => void worker.stop());
 * await worker.done;
 */
export async function startWorker(
  settings: WorkerSettings,
  options: { logger?: Logger } = {},
): Promise<RunningWorker> {
  const logger =
    options.logger ??
    createLogger(SERVICE_NAME, { workerId: settings.workerId });
  const clients = createClients({
    region: settings.region,
    s3ForcePathStyle: settings.s3ForcePathStyle,
  });

  let pool: CapturePool | undefined;
  try {
    const queues = new JobQueues(
      clients.sqs,
      await resolveJobQueues(
        clients.sqs,
        settings.queues,
        settings.maxReceiveCount,
      ),
      settings.pollWaitSeconds,
      settings.leaseMs / 1000 + VISIBILITY_MARGIN_SECONDS,
    );
    pool = await CapturePool.launch({
      slots: settings.capture.slots,
      hostOrigin: settings.capture.hostOrigin,
      chromePath: settings.capture.chromePath,
      allowList: new HostAllowList(settings.allowedHosts),
      recycleAfter: settings.capture.recycleAfter,
      memoryCeilingMb: settings.capture.memoryCeilingMb,
      logger,
    });

    const worker = new Worker({
      queues,
      processor: jobProcessor(settings, clients, queues, pool, logger),
      slots: pool.slots,
      drainMs: settings.drainMs,
      logger,
    });
    const running = pool;
    const done = worker.run().finally(async () => {
      await running.close();
      destroyClients(clients);
    });
    return {
      workerId: settings.workerId,
      done,
      stop: () => worker.stop().then(() => done),
    };
  } catch (error) {
    await pool?.close();
    destroyClients(clients);
    throw error;
  }
}

function jobProcessor(
  settings: WorkerSettings,
  clients: AwsClients,
  queues: JobQueues,
  pool: CapturePool,
  logger: Logger,
): JobProcessor {
  return new JobProcessor({
    workerId: settings.workerId,
    leaseMs: settings.leaseMs,
    heartbeatMs: settings.heartbeatMs,
    retryDelaySeconds: settings.retryDelaySeconds,
    leases: new StoreLeases(
      new SnapshotStore({
        client: clients.dynamodb,
        tableName: settings.snapshotsTable,
      }),
    ),
    renderer: new CaptureRenderer({
      catalogue: defaultCatalogue,
      urls: embedUrlSource(
        settings.reports,
        settings.region,
        settings.capture.hostOrigin,
      ),
      pool,
      timeoutMs: settings.capture.timeoutMs,
    }),
    objects: new S3SnapshotObjects({
      s3: clients.s3,
      bucket: settings.bucket,
      kmsKeyId: settings.kmsKeyId,
    }),
    messages: queues,
    tasks: new SfnTaskCallbacks(clients.sfn, logger),
    metrics: createEmfMetrics({
      namespace: settings.metricsNamespace,
      serviceName: SERVICE_NAME,
    }),
    logger,
  });
}
