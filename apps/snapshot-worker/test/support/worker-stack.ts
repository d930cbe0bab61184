import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { openDatasets, type Datasets } from '@snapshots/datasets';
import { useLocalStack } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';
import {
  startReportServer,
  type RunningReportServer,
} from '@snapshots/report-server';
import { defaultCatalogue } from '@snapshots/reports';
import {
  serializeSnapshotJob,
  type SnapshotJob,
} from '@snapshots/snapshot-jobs';
import {
  parseSnapshotRequest,
  snapshotIdentity,
  type SnapshotRequest,
} from '@snapshots/snapshot-keys';
import {
  createTables,
  SnapshotStore,
  type SnapshotRecord,
  type SnapshotStatus,
} from '@snapshots/snapshot-metadata';

export interface JobQueues {
  privateUrl: string;
  batchUrl: string;
  batchDeadLetterUrl: string;
}

const names = {
  snapshots: 'snapshots',
  campuses: 'campuses',
  bucket: 'snapshots-test',
};

/**
 * Everything a worker needs, for the tests of one file: the local AWS
 * stack with the tables and the bucket, and the report server over a small
 * seeded data set (campuses s-00001 to s-00012), on which the reports of
 * `failingSchools` always fail.
 */
export function useWorkerStack(options: { failingSchools?: string[] } = {}) {
  useLocalStack();
  let clients: AwsClients | undefined;
  let datasets: Datasets | undefined;
  let reports: RunningReportServer | undefined;

  beforeAll(async () => {
    clients = createClients({ s3ForcePathStyle: true });
    await createTables(clients.dynamodb, names);
    await clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket }));

    datasets = await openDatasets('sqlite::memory:');
    await datasets.seed({ campuses: 12, seed: 7 });
    const logger = createLogger('report-server');
    logger.setLogLevel('ERROR');
    reports = await startReportServer({
      database: datasets.sequelize,
      failingSchools: options.failingSchools,
      logger,
    });
  }, 60_000);

  afterAll(async () => {
    await reports?.stop();
    await datasets?.close();
    if (clients) destroyClients(clients);
  });

  const ready = () => {
    if (!clients || !reports) throw new Error('the stack starts in beforeAll');
    return { clients, reports };
  };
  return () => new WorkerStack(ready().clients, ready().reports.url);
}

export class WorkerStack {
  readonly store: SnapshotStore;

  constructor(
    readonly clients: AwsClients,
    readonly reportServerUrl: string,
  ) {
    this.store = new SnapshotStore({
      client: clients.dynamodb,
      tableName: names.snapshots,
    });
  }

  /**
   * A private and a batch queue named after `prefix`, the batch one with
   * a dead-letter queue after `maxReceiveCount` deliveries. A short
   * visibility timeout: the worker extends it as soon as it has a job.
   */
  async createQueues(
    prefix: string,
    maxReceiveCount: number,
  ): Promise<JobQueues> {
    const sqs = this.clients.sqs;
    const create = async (
      name: string,
      attributes: Record<string, string> = {},
    ) => {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: `${prefix}-${name}`,
          Attributes: { VisibilityTimeout: '4', ...attributes },
        }),
      );
      if (!QueueUrl) throw new Error(`queue ${name} has no URL`);
      return QueueUrl;
    };

    const batchDeadLetterUrl = await create('batch-dead');
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: batchDeadLetterUrl,
        AttributeNames: ['QueueArn'],
      }),
    );
    const redrive = JSON.stringify({
      deadLetterTargetArn: Attributes?.QueueArn,
      maxReceiveCount,
    });
    return {
      privateUrl: await create('private', { RedrivePolicy: redrive }),
      batchUrl: await create('batch', { RedrivePolicy: redrive }),
      batchDeadLetterUrl,
    };
  }

  /** What a worker process gets from its instance's env file. */
  workerEnvironment(
    queues: JobQueues,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    return {
      SNAPSHOTS_TABLE: names.snapshots,
      SNAPSHOT_BUCKET: names.bucket,
      PRIVATE_QUEUE_URL: queues.privateUrl,
      BATCH_QUEUE_URL: queues.batchUrl,
      REPORT_BASE_URL: this.reportServerUrl,
      CAPTURE_SLOTS: '1',
      LEASE_SECONDS: '6',
      HEARTBEAT_SECONDS: '2',
      RETRY_DELAY_SECONDS: '0',
      POLL_WAIT_SECONDS: '2',
      DRAIN_SECONDS: '30',
      ...extra,
    };
  }

  /**
   * A job as the batch enqueuer writes it: metadata PENDING first, then
   * the message.
   */
  async enqueue(
    queueUrl: string,
    request: SnapshotRequest,
    options: { batchId?: string; copies?: number } = {},
  ): Promise<SnapshotJob> {
    const job = this.job(request, options.batchId);
    await this.store.ensure(job);
    for (let copy = 0; copy < (options.copies ?? 1); copy++) {
      await this.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: serializeSnapshotJob(job),
        }),
      );
    }
    return job;
  }

  job(request: SnapshotRequest, batchId?: string): SnapshotJob {
    const canonical = parseSnapshotRequest(request);
    const report = defaultCatalogue.require(canonical.reportId);
    const revision = { version: report.version, dataEpoch: 'epoch-1' };
    const identity = snapshotIdentity(canonical, revision);
    return {
      snapshotId: identity.snapshotId,
      reportId: canonical.reportId,
      request: canonical,
      reportVersion: revision.version,
      dataEpoch: revision.dataEpoch,
      objectKey: identity.objectKey,
      batchId,
      attempt: 1,
      enqueuedAt: new Date().toISOString(),
    };
  }

  /** The record once it has one of `statuses`. */
  async settled(
    snapshotId: string,
    statuses: SnapshotStatus[],
    timeoutMs = 90_000,
  ): Promise<SnapshotRecord> {
    const deadline = Date.now() + timeoutMs;
    let record: SnapshotRecord | undefined;
    while (Date.now() < deadline) {
      record = await this.store.get(snapshotId, { consistent: true });
      if (record && statuses.includes(record.status)) return record;
      await sleep(250);
    }
    throw new Error(
      `${snapshotId} is ${record?.status ?? 'missing'}, not ${statuses.join('/')}`,
    );
  }

  async object(key: string) {
    const object = await this.clients.s3.send(
      new GetObjectCommand({
        Bucket: names.bucket,
        Key: key,
        ChecksumMode: 'ENABLED',
      }),
    );
    const bytes = Buffer.from(
      (await object.Body?.transformToByteArray()) ?? [],
    );
    return { object, bytes };
  }

  /** Bodies of the messages that can be received now, within `waitSeconds`. */
  async receiveAll(queueUrl: string, waitSeconds = 1): Promise<string[]> {
    const { Messages = [] } = await this.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
        VisibilityTimeout: 30,
      }),
    );
    return Messages.map((message) => message.Body ?? '');
  }

  /**
   * The bodies of the first messages to reach a queue, e.g. the dead
   * letters, which arrive only when a worker receives once too often.
   */
  async arrivals(queueUrl: string, timeoutMs = 90_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const bodies = await this.receiveAll(queueUrl);
      if (bodies.length > 0) return bodies;
    }
    throw new Error(`nothing arrived in ${queueUrl}`);
  }

  /** Resolves once no message is left in the queue, visible or not. */
  async emptied(queueUrl: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let count = await this.messageCount(queueUrl);
    while (count > 0) {
      if (Date.now() > deadline) {
        throw new Error(`${count} message(s) still in ${queueUrl}`);
      }
      await sleep(250);
      count = await this.messageCount(queueUrl);
    }
  }

  /** Messages in the queue, visible or not. */
  async messageCount(queueUrl: string): Promise<number> {
    const { Attributes = {} } = await this.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
        ],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }
}
