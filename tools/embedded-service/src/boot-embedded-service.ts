import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import {
  emptyDataEpoch,
  openDatasets,
  type Datasets,
} from '@snapshots/datasets';
import {
  startLocalAutoScaling,
  startLocalStack,
  startLocalStepFunctions,
  type LocalAutoScaling,
  type LocalStepFunctions,
  type SpawnedLocalStack,
  type WorkerLaunch,
  type WorkerProcess,
} from '@snapshots/local-stack';
import { createLogger, type Logger } from '@snapshots/logging';
import {
  startReportServer,
  type RunningReportServer,
} from '@snapshots/report-server';
import { releaseLeftoverBatchLock } from './leftover-batch-lock';
import { provision, type ProvisionedQueues } from './provision';
import { resourceNames as names } from './resource-names';
import { seedCampuses } from './seed-campuses';
import { registerStateMachines } from './state-machines';
import { workerLauncher } from './worker-launcher';

export interface EmbeddedServiceOptions {
  /** Every stand-in keeps its data here, across restarts. */
  dataDir: string;
  /** Campuses seeded into empty datasets. */
  campuses?: number;
  /** Most batch workers running at once, and capture slots in each. */
  maxBatchWorkers?: number;
  captureSlots?: number;
  /** Schools whose reports always fail to render (for drills). */
  failingSchools?: string[];
  /** Deliveries of a job before it is FAILED and dead-lettered. */
  maxReceiveCount?: number;
  /** Extra settings for every worker, e.g. REPORT_SERVER_QUERY. */
  workerEnvironment?: Record<string, string>;
  /**
   * Starts each private worker in place of a real worker process, e.g. an
   * idle one for tests that inspect jobs on the private queue.
   */
  launchPrivateWorker?: (launch: WorkerLaunch) => WorkerProcess;
  /** Likewise for each batch worker, e.g. one that never takes a job. */
  launchBatchWorker?: (launch: WorkerLaunch) => WorkerProcess;
  logger?: Logger;
  /**
   * Starts the DynamoDB, S3 and SQS stand-ins; in this process unless
   * given. A jest file passes `spawnLocalStack`: its sandbox cannot load
   * the ES-module stand-ins.
   */
  startStack?: (dataDir: string) => Promise<SpawnedLocalStack>;
}

export interface EmbeddedService {
  /** The variables a process needs to reach this service. */
  environment: Record<string, string>;
  clients: AwsClients;
  datasets: Datasets;
  reportServer: RunningReportServer;
  stepFunctions: LocalStepFunctions;
  autoScaling: LocalAutoScaling;
  queues: ProvisionedQueues;
  names: typeof names;
  logDir: string;
  stop(): Promise<void>;
}

/**
 * Boots the whole service on this machine: the AWS stand-ins, the datasets
 * (seeded when empty), the report server, the tables, bucket and queues,
 * both state machines from their ASL files, and two worker groups whose
 * instances are real worker processes started by the Auto Scaling
 * stand-in. Everything stops with `stop()`, workers first.
 */
export async function bootEmbeddedService(
  options: EmbeddedServiceOptions,
): Promise<EmbeddedService> {
  const logger = options.logger ?? createLogger('embedded-service');
  const logDir = join(options.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne();
  };

  try {
    const startStack =
      options.startStack ?? ((dataDir) => startLocalStack({ dataDir }));
    const stack = await startStack(options.dataDir);
    stoppers.push(() => stack.stop());
    const stepFunctions = await startLocalStepFunctions({
      timers: { waitMs: 500, retryMs: 250 },
    });
    stoppers.push(() => stepFunctions.stop());
    const autoScaling = await startLocalAutoScaling();
    stoppers.push(() => autoScaling.stop());
    const awsEnvironment = {
      ...stack.environment,
      ...stepFunctions.environment,
      ...autoScaling.environment,
    };
    Object.assign(process.env, awsEnvironment);

    const clients = createClients({ s3ForcePathStyle: true });
    stoppers.push(() => Promise.resolve(destroyClients(clients)));
    const datasetsUrl = `sqlite:${join(options.dataDir, 'datasets.sqlite')}`;
    const datasets = await openDatasets(datasetsUrl);
    stoppers.push(() => datasets.close());
    if ((await datasets.dataEpoch()) === emptyDataEpoch) {
      await datasets.seed({ campuses: options.campuses ?? 24 });
    }
    const reportServer = await startReportServer({
      database: datasets.sequelize,
      failingSchools: options.failingSchools,
    });
    stoppers.push(() => reportServer.stop());

    const maxReceiveCount = options.maxReceiveCount ?? 2;
    const queues = await provision(clients, {
      visibilityTimeoutSeconds: 30,
      maxReceiveCount,
    });
    await seedCampuses(clients, datasets);
    await releaseLeftoverBatchLock(clients, logger);
    registerStateMachines(stepFunctions, {
      clients,
      datasets,
      logger,
      ...queues,
    });

    const environment: Record<string, string> = {
      ...awsEnvironment,
      SNAPSHOTS_TABLE: names.snapshotsTable,
      CAMPUSES_TABLE: names.campusesTable,
      SNAPSHOT_BUCKET: names.bucket,
      BATCH_QUEUE_URL: queues.batchQueueUrl,
      PRIVATE_QUEUE_URL: queues.privateQueueUrl,
      BATCH_STATE_MACHINE_ARN: names.batchStateMachine,
      PRIVATE_STATE_MACHINE_ARN: names.privateStateMachine,
      WORKER_GROUP_NAME: names.batchWorkers,
      PRIVATE_WORKER_GROUP_NAME: names.privateWorkers,
      DATASETS_URL: datasetsUrl,
      REPORT_BASE_URL: reportServer.url,
      ALLOWED_HOSTS: reportServer.url,
      MAX_RECEIVE_COUNT: String(maxReceiveCount),
      CAPTURE_SLOTS: String(options.captureSlots ?? 2),
      POLL_WAIT_SECONDS: '2',
      RETRY_DELAY_SECONDS: '1',
      ...options.workerEnvironment,
    };
    registerWorkerGroups(autoScaling, environment, logDir, options);

    return {
      environment,
      clients,
      datasets,
      reportServer,
      stepFunctions,
      autoScaling,
      queues,
      names,
      logDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function registerWorkerGroups(
  autoScaling: LocalAutoScaling,
  environment: Record<string, string>,
  logDir: string,
  options: EmbeddedServiceOptions,
): void {
  autoScaling.registerGroup({
    name: names.batchWorkers,
    minSize: 0,
    maxSize: options.maxBatchWorkers ?? 2,
    desiredCapacity: 0,
    terminationGraceMs: 20_000,
    launchWorker:
      options.launchBatchWorker ??
      workerLauncher({
        environment: { ...environment, WORKER_POOL: 'batch' },
        logDir,
      }),
  });
  autoScaling.registerGroup({
    name: names.privateWorkers,
    minSize: 0,
    maxSize: 1,
    desiredCapacity: 0,
    terminationGraceMs: 20_000,
    launchWorker:
      options.launchPrivateWorker ??
      workerLauncher({
        environment: { ...environment, WORKER_POOL: 'private' },
        logDir,
      }),
  });
}
