import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { openDatasets, type Datasets } from '@snapshots/datasets';
import { useLocalStack } from '@snapshots/local-stack';
import { parseSnapshotJob, type SnapshotJob } from '@snapshots/snapshot-jobs';
import { createTables, SnapshotStore } from '@snapshots/snapshot-metadata';
import {
  batchDependencies,
  createBatchTasks,
  finishBatch,
  lockStaleAt,
  type BatchPlan,
  type BatchTaskDependencies,
  type BatchTasks,
} from '../src';
import { must, silentLogger } from './fakes';
import {
  drainQueue as drainAll,
  planEverything as planAll,
} from './queue-and-plan';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
const reportId = 'campus-overview';
let now = 1_700_000_000_000;
let clients: AwsClients;
let datasets: Datasets;
let queueUrl: string;
let dependencies: BatchTaskDependencies;
let tasks: BatchTasks;
let snapshots: SnapshotStore;

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  ({ QueueUrl: queueUrl = '' } = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: 'stopped-batch-jobs' }),
  ));
  datasets = await openDatasets('sqlite::memory:');
  await datasets.seed({ campuses: 8, years: 1 });

  // The batches and the store read one clock, which the tests move.
  dependencies = batchDependencies({
    ...clients,
    datasets,
    snapshotsTable: tables.snapshots,
    campusesTable: tables.campuses,
    queueUrl,
    workerGroupName: 'unused',
    logger: silentLogger(),
    clock: () => now,
  });
  snapshots = dependencies.snapshots as SnapshotStore;
  tasks = createBatchTasks(dependencies);
});

afterAll(async () => {
  await datasets?.close();
  if (clients) destroyClients(clients);
});

const planEverything = (input: object) => planAll(tasks, input);

const drainQueue = async (): Promise<SnapshotJob[]> =>
  (await drainAll(clients.sqs, queueUrl)).map(parseSnapshotJob);

describe('a batch stopped before it finished', () => {
  let stopped: BatchPlan;
  let stoppedJobs: SnapshotJob[];
  let next: BatchPlan;
  let nextJobs: SnapshotJob[];
  const roles = () => {
    const [ready, rendering, privately, ...left] = stoppedJobs;
    return { ready: must(ready), rendering: must(rendering), privately, left };
  };

  beforeAll(async () => {
    stopped = await planEverything({
      reportId,
      batchId: 'stopped-1',
      timeoutSeconds: 60,
    });
    stoppedJobs = await drainQueue();
    const { ready, rendering } = roles();
    // A worker finished one job; another is still rendering one, under a
    // lease it keeps extending past the batch's end.
    await snapshots.claim(ready.snapshotId, 'worker-1', 60_000);
    await snapshots.markReady(ready.snapshotId, 'worker-1', {
      objectKey: ready.objectKey,
      sizeBytes: 10,
      contentType: 'image/png',
      renderMs: 5,
    });
    await snapshots.claim(rendering.snapshotId, 'worker-2', 7_200_000);

    // The execution is stopped: no finish step, the lock is never
    // released. A private request comes after the batch's deadline.
    now = stopped.deadline;
    const privately = must(roles().privately);
    const { deadline: _batch, ...identity } = must(
      await snapshots.get(privately.snapshotId),
    );
    await snapshots.ensure({
      snapshotId: identity.snapshotId,
      reportId: identity.reportId,
      request: identity.request,
      reportVersion: identity.reportVersion,
      dataEpoch: identity.dataEpoch,
      objectKey: identity.objectKey,
      deadline: now + 2_520_000,
    });

    // The next batch may start once the stopped one's lock went stale.
    now = lockStaleAt(stopped) + 1;
    next = await planEverything({ reportId, batchId: 'next-1' });
    nextJobs = await drainQueue();
  }, 60_000);

  it('has its PENDING jobs taken over by the next batch', async () => {
    const taken = roles()
      .left.map((job) => job.snapshotId)
      .sort();

    expect(stoppedJobs).toHaveLength(8);
    expect(next).toMatchObject({ jobs: 5, skipped: 3 });
    expect(nextJobs.map((job) => job.snapshotId).sort()).toEqual(taken);
    expect(nextJobs.map((job) => [job.batchId, job.attempt])).toEqual(
      taken.map(() => ['next-1', 2]),
    );
    for (const snapshotId of taken) {
      expect(
        await snapshots.get(snapshotId, { consistent: true }),
      ).toMatchObject({
        status: 'PENDING',
        batchId: 'next-1',
        deadline: next.deadline,
      });
    }
  });

  it('leaves alone a job under a live lease and one a private request restarted', async () => {
    const { rendering, privately } = roles();

    expect(
      await snapshots.get(rendering.snapshotId, { consistent: true }),
    ).toMatchObject({ status: 'RENDERING', batchId: 'stopped-1', attempt: 1 });
    expect(
      await snapshots.get(must(privately).snapshotId, { consistent: true }),
    ).toMatchObject({ status: 'PENDING', batchId: 'stopped-1', attempt: 2 });
  });

  it('fails nothing of others when its finish step runs late', async () => {
    const { rendering, privately } = roles();
    const timedOut: BatchPlan = {
      ...stopped,
      progress: { ...stopped.progress, settled: true, reason: 'timedOut' },
    };

    const waits: number[] = [];
    // The finish step waits for the live lease to end, then leaves it.
    const summary = await finishBatch(timedOut, {
      ...dependencies,
      clock: () => now,
      sleep: (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });

    // Left in its index: the READY job, the one still rendering, and the
    // one the private request restarted (it keeps the batch id).
    expect(summary).toMatchObject({ total: 3, ready: 1, failed: 2 });
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(180_000);
    expect(
      (await snapshots.get(rendering.snapshotId, { consistent: true }))?.status,
    ).toBe('RENDERING');
    expect(
      (await snapshots.get(must(privately).snapshotId, { consistent: true }))
        ?.status,
    ).toBe('PENDING');
    expect(await snapshots.countByBatch('next-1')).toMatchObject({
      PENDING: 5,
      FAILED: 0,
    });
  });
});
