import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { openDatasets } from '@snapshots/datasets';
import {
  startLocalAutoScaling,
  startLocalStepFunctions,
  useLocalStack,
  type LocalAutoScaling,
  type LocalStepFunctions,
  type WorkerProcess,
} from '@snapshots/local-stack';
import { createTables, SnapshotStore } from '@snapshots/snapshot-metadata';
import { privateTaskHandlers } from '@snapshots/snapshot-service';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

const names = {
  snapshots: 'snapshots',
  campuses: 'campuses',
  bucket: 'snapshots-bucket',
  privateQueue: 'private-jobs',
  privateDeadLetters: 'private-jobs-dead',
  workerGroup: 'private-workers',
  stateMachineArn:
    'arn:aws:states:us-east-1:000000000000:stateMachine:snapshots-private',
};

/** Everything the private flow runs on, started for one test file. */
export interface PrivateStack {
  /** AWS endpoints and the API's settings, as its Lambda would have them. */
  environment: Record<string, string>;
  clients: AwsClients;
  store: SnapshotStore;
  names: typeof names;
  privateQueueUrl: string;
  deadLetterQueueUrl: string;
  datasetsUrl: string;
  stepFunctions: LocalStepFunctions;
  autoScaling: LocalAutoScaling;
  /** Messages in a queue, visible or not. */
  queueDepth(queueUrl: string): Promise<number>;
}

export interface PrivateStackOptions {
  /** Seeds the datasets before anything reads them. */
  campuses?: number;
  /**
   * Starts one private worker; gets the stack's environment, to which the
   * launcher adds the worker's own settings.
   */
  launchWorker(environment: Record<string, string>): WorkerProcess;
  /** Settings the worker needs beyond the stack (e.g. REPORT_BASE_URL). */
  before?: (stack: { datasetsUrl: string }) => Promise<void>;
}

/**
 * Starts, for one jest file, the local stand-ins of DynamoDB, S3, SQS,
 * Step Functions and Auto Scaling; creates the tables, bucket and queues;
 * seeds the datasets; and registers the private state machine from its
 * ASL file with each Task bound to the handler it runs in AWS.
 */
export function usePrivateStack(
  options: PrivateStackOptions,
): () => PrivateStack {
  const localStack = useLocalStack();
  let stack: PrivateStack | undefined;
  let folder: string | undefined;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'private-stack-'));
    const datasetsUrl = `sqlite:${join(folder, 'datasets.sqlite')}`;
    const datasets = await openDatasets(datasetsUrl);
    await datasets.seed({ campuses: options.campuses ?? 6, seed: 7 });
    await datasets.close();
    await options.before?.({ datasetsUrl });

    const stepFunctions = await startLocalStepFunctions({
      timers: { retryMs: 50, waitMs: 50 },
    });
    const autoScaling = await startLocalAutoScaling();
    const environment: Record<string, string> = {
      ...localStack().environment,
      ...stepFunctions.environment,
      ...autoScaling.environment,
    };
    Object.assign(process.env, environment);

    const clients = createClients({ s3ForcePathStyle: true });
    await createTables(clients.dynamodb, names);
    await clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket }));
    const { deadLetterQueueUrl, privateQueueUrl } = await createQueues(clients);
    const store = new SnapshotStore({
      client: clients.dynamodb,
      tableName: names.snapshots,
    });

    Object.assign(environment, {
      SNAPSHOTS_TABLE: names.snapshots,
      SNAPSHOT_BUCKET: names.bucket,
      PRIVATE_STATE_MACHINE_ARN: names.stateMachineArn,
      PRIVATE_QUEUE_URL: privateQueueUrl,
      PRIVATE_WORKER_GROUP_NAME: names.workerGroup,
      DATASETS_URL: datasetsUrl,
      URL_TTL_SECONDS: '120',
      RETRY_AFTER_SECONDS: '1',
      DATA_EPOCH_CACHE_SECONDS: '0',
      // The metrics lines would bury the test output.
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    // The handlers under test read their settings where Lambda puts them.
    Object.assign(process.env, environment);

    autoScaling.registerGroup({
      name: names.workerGroup,
      minSize: 0,
      maxSize: 2,
      desiredCapacity: 0,
      terminationGraceMs: 10_000,
      launchWorker: () => options.launchWorker({ ...environment }),
    });
    stepFunctions.registerStateMachine({
      arn: names.stateMachineArn,
      definition: readFileSync(
        join(
          workspaceRoot,
          'apps/orchestration/state-machines/private.asl.json',
        ),
        'utf8',
      ),
      substitutions: {
        DispatchPrivateFunctionArn:
          'arn:aws:lambda:us-east-1:000000000000:function:dispatch-private',
        MarkFailedFunctionArn:
          'arn:aws:lambda:us-east-1:000000000000:function:mark-failed',
        PrivateQueueUrl: privateQueueUrl,
      },
      handlers: privateTaskHandlers({
        autoScaling: clients.autoScaling,
        sqs: clients.sqs,
        store,
        privateWorkerGroupName: names.workerGroup,
      }),
    });

    stack = {
      environment,
      clients,
      store,
      names,
      privateQueueUrl,
      deadLetterQueueUrl,
      datasetsUrl,
      stepFunctions,
      autoScaling,
      queueDepth: (queueUrl) => queueDepth(clients, queueUrl),
    };
  }, 60_000);

  afterAll(async () => {
    await stack?.autoScaling.stop();
    await stack?.stepFunctions.stop();
    if (stack) destroyClients(stack.clients);
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  return () => {
    if (!stack) throw new Error('the private stack starts in beforeAll');
    return stack;
  };
}

async function createQueues(clients: AwsClients) {
  const dead = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: names.privateDeadLetters }),
  );
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: dead.QueueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: names.privateQueue,
      Attributes: {
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount: 2,
        }),
      },
    }),
  );
  return {
    privateQueueUrl: queue.QueueUrl ?? '',
    deadLetterQueueUrl: dead.QueueUrl ?? '',
  };
}

async function queueDepth(
  clients: AwsClients,
  queueUrl: string,
): Promise<number> {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes).reduce(
    (sum, value) => sum + Number(value),
    0,
  );
}
