import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClients, type AwsClients } from '@snapshots/aws-clients';
import { ConfigError, fields, readConfig } from '@snapshots/config';
import { openDatasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { defaultCatalogue } from '@snapshots/reports';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { z } from 'zod';
import type { ApiDependencies, ApiHandlers } from './http/api-handlers';
import type { PrivateTaskDependencies } from './private-flow/private-task-handlers';
import { CachedDataEpochs, type DataEpochSource } from './service/data-epochs';
import {
  StepFunctionsDispatcher,
  type SnapshotDispatcher,
} from './service/dispatcher';
import {
  defaultPrivateExecutionTimeoutSeconds,
  renderDeadlineMs,
} from './service/render-deadline';
import { maxLinkSeconds, SnapshotLinks } from './service/snapshot-links';

type Environment = Record<string, string | undefined>;

const common = {
  S3_FORCE_PATH_STYLE: fields.flag().default(false),
  RETRY_AFTER_SECONDS: fields.integer(1, 60).default(2),
};
const reading = {
  ...common,
  SNAPSHOTS_TABLE: fields.text(),
  SNAPSHOT_BUCKET: fields.text(),
  URL_TTL_SECONDS: fields.integer(30, maxLinkSeconds).default(300),
};
const requesting = {
  ...reading,
  PRIVATE_STATE_MACHINE_ARN: fields.text(),
  /** The private state machine's TimeoutSeconds. */
  PRIVATE_EXECUTION_TIMEOUT_SECONDS: fields
    .integer(60, 86_400)
    .default(defaultPrivateExecutionTimeoutSeconds),
  /** The core datasets, whose refreshes move the data epoch. */
  DATASETS_URL: fields.text().optional(),
  DATA_EPOCH_CACHE_SECONDS: fields.integer(0, 3600).default(30),
};

/** What each route must be told; the Lambda of a route gets only that. */
const routeEnvironments = {
  listReports: z.object(common),
  getSnapshot: z.object(reading),
  requestSnapshot: z.object(requesting),
};
const everyRoute = z.object(requesting);

export type ApiRouteName = keyof ApiHandlers;
export type ApiSettings = z.output<typeof everyRoute>;

/**
 * Reads the API's settings, all of them or only those one route needs.
 *
 * @throws ConfigError naming every missing or bad variable.
 */
export function readApiSettings(
  environment: Environment = process.env,
  route?: ApiRouteName,
): Partial<ApiSettings> & z.output<z.ZodObject<typeof common>> {
  const schema = route ? routeEnvironments[route] : everyRoute;
  return readConfig(schema, environment);
}

/**
 * Wires the API from its environment: SDK clients (their endpoints from
 * `AWS_ENDPOINT_URL_*`), the snapshot table, links, the state machine and
 * the data epoch of the datasets at DATASETS_URL. With a route, only its
 * variables are required; a part it does not use would throw if called.
 */
export function apiDependenciesFromEnvironment(
  environment: Environment = process.env,
  options: { route?: ApiRouteName; clients?: AwsClients } = {},
): Promise<ApiDependencies> {
  const settings = readApiSettings(environment, options.route);
  const aws =
    options.clients ??
    createClients({ s3ForcePathStyle: settings.S3_FORCE_PATH_STYLE });
  const table = settings.SNAPSHOTS_TABLE ?? unused('SNAPSHOTS_TABLE');

  return Promise.resolve({
    catalogue: defaultCatalogue,
    store: new SnapshotStore({ client: aws.dynamodb, tableName: table }),
    epochs: new CachedDataEpochs(datasetsEpochs(settings.DATASETS_URL), {
      ttlMs: (settings.DATA_EPOCH_CACHE_SECONDS ?? 30) * 1000,
    }),
    dispatcher: settings.PRIVATE_STATE_MACHINE_ARN
      ? new StepFunctionsDispatcher({
          sfn: aws.sfn,
          stateMachineArn: settings.PRIVATE_STATE_MACHINE_ARN,
        })
      : unconfiguredDispatcher,
    links: new SnapshotLinks({
      s3: aws.s3,
      bucket: settings.SNAPSHOT_BUCKET ?? unused('SNAPSHOT_BUCKET'),
      ttlSeconds: settings.URL_TTL_SECONDS ?? 300,
    }),
    logger: createLogger('snapshot-api'),
    metrics: new Metrics({
      namespace: 'Snapshots',
      serviceName: 'snapshot-api',
    }),
    retryAfterSeconds: settings.RETRY_AFTER_SECONDS,
    renderDeadlineMs: renderDeadlineMs(
      settings.PRIVATE_EXECUTION_TIMEOUT_SECONDS ??
        defaultPrivateExecutionTimeoutSeconds,
    ),
  });
}

const privateFlowEnvironments = {
  dispatchPrivate: z.object({ PRIVATE_WORKER_GROUP_NAME: fields.text() }),
  markFailed: z.object({ SNAPSHOTS_TABLE: fields.text() }),
};
const everyPrivateTask = privateFlowEnvironments.dispatchPrivate.extend(
  privateFlowEnvironments.markFailed.shape,
);

/**
 * Wires the private state machine's tasks from their environment: all of
 * them, or only what one Lambda handler needs.
 *
 * @throws ConfigError naming every missing or bad variable.
 */
export function privateTaskDependenciesFromEnvironment(
  environment: Environment = process.env,
  options: {
    task?: keyof typeof privateFlowEnvironments;
    clients?: AwsClients;
  } = {},
): PrivateTaskDependencies {
  const schema = options.task
    ? privateFlowEnvironments[options.task]
    : everyPrivateTask;
  const settings: {
    PRIVATE_WORKER_GROUP_NAME?: string;
    SNAPSHOTS_TABLE?: string;
  } = readConfig(schema, environment);
  const clients = options.clients ?? createClients();

  return {
    autoScaling: clients.autoScaling,
    sqs: clients.sqs,
    store: new SnapshotStore({
      client: clients.dynamodb,
      tableName: settings.SNAPSHOTS_TABLE ?? unused('SNAPSHOTS_TABLE'),
    }),
    privateWorkerGroupName:
      settings.PRIVATE_WORKER_GROUP_NAME ?? unused('PRIVATE_WORKER_GROUP_NAME'),
    logger: createLogger('orchestration'),
  };
}

/**
 * The epoch of the datasets at `url`, connecting on first use. A failed
 * read drops the connection, so the next read tries afresh.
 */
function datasetsEpochs(url: string | undefined): DataEpochSource {
  let opening: ReturnType<typeof openDatasets> | undefined;
  return {
    dataEpoch: async () => {
      opening ??= openDatasets(url, { sync: false });
      try {
        return await (await opening).dataEpoch();
      } catch (error) {
        const failed = opening;
        opening = undefined;
        failed.then((datasets) => datasets.close()).catch(() => undefined);
        throw error;
      }
    },
  };
}

const unconfiguredDispatcher: SnapshotDispatcher = {
  dispatch: () => Promise.reject(notConfigured('PRIVATE_STATE_MACHINE_ARN')),
};

/**
 * A name for a resource this process was not configured with. Nothing
 * reaches it: the routes that would are served by other functions.
 */
function unused(variable: string): string {
  return `unconfigured-${variable.toLowerCase()}`;
}

function notConfigured(variable: string): ConfigError {
  return new ConfigError([{ variable, reason: 'is required' }]);
}
