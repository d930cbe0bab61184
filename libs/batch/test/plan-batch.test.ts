import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { openDatasets, type Datasets } from '@snapshots/datasets';
import { useLocalStack } from '@snapshots/local-stack';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import {
  CampusStore,
  createTables,
  SnapshotStore,
} from '@snapshots/snapshot-metadata';
import {
  batchDependencies,
  createBatchTasks,
  queueDepth,
  type BatchLock,
  type BatchPlan,
  type BatchTasks,
} from '../src';
import { silentLogger } from './fakes';
import {
  drainQueue as drainAll,
  planEverything as planAll,
} from './queue-and-plan';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
let clients: AwsClients;
let datasets: Datasets;
let queueUrl: string;
let tasks: BatchTasks;
let snapshots: SnapshotStore;
let lock: BatchLock;

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  ({ QueueUrl: queueUrl = '' } = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: 'batch-jobs' }),
  ));
  datasets = await openDatasets('sqlite::memory:');
  await datasets.seed({ campuses: 57, years: 1 });

  // Campus metadata for a few campuses; the rest get every public report.
  await new CampusStore({
    client: clients.dynamodb,
    tableName: tables.campuses,
  }).putMany([
    { schoolId: 's-00002', regionId: 'r-001', name: 'A', reports: [] },
    { schoolId: 's-00003', regionId: 'r-001', name: 'B', reports: ['trends'] },
  ]);

  const dependencies = batchDependencies({
    ...clients,
    datasets,
    snapshotsTable: tables.snapshots,
    campusesTable: tables.campuses,
    queueUrl,
    workerGroupName: 'unused',
    logger: silentLogger(),
  });
  snapshots = dependencies.snapshots as SnapshotStore;
  lock = dependencies.lock;
  tasks = createBatchTasks(dependencies);
});

afterAll(async () => {
  await datasets?.close();
  if (clients) destroyClients(clients);
});

async function planEverything(input: object): Promise<BatchPlan> {
  const plan = await planAll(tasks, input);
  // These batches end here, unfinished: the next one needs the group.
  await lock.release(plan.batchId);
  return plan;
}

const drainQueue = () => drainAll(clients.sqs, queueUrl);

describe('planning a batch on the local stack', () => {
  it('writes PENDING metadata and one queued job per campus, page by page', async () => {
    const plan = await planEverything({
      reportId: 'campus-overview',
      batchId: 'overview-1',
      pageSize: 10,
    });

    // 57 campuses, minus s-00002 and s-00003 whose metadata lists other reports.
    expect(plan).toMatchObject({ pages: 6, campuses: 57, jobs: 55 });
    expect(await queueDepth(clients.sqs, queueUrl)).toBe(55);
    const jobs = (await drainQueue()).map(parseSnapshotJob);
    expect(jobs).toHaveLength(55);
    const schools = jobs.map((job) => job.request.school).sort();
    expect(schools).not.toContain('s-00002');
    expect(schools).not.toContain('s-00003');
    expect(new Set(schools).size).toBe(55);

    const counts = await snapshots.countByBatch('overview-1');
    expect(counts).toEqual({ PENDING: 55, RENDERING: 0, READY: 0, FAILED: 0 });
    const record = await snapshots.get(jobs[0]?.snapshotId ?? '');
    expect(record).toMatchObject({
      status: 'PENDING',
      batchId: 'overview-1',
      dataEpoch: await datasets.dataEpoch(),
    });
  });

  it('plans nothing again for snapshots READY for this revision', async () => {
    const first = await planEverything({
      reportId: 'trends',
      batchId: 'trends-1',
      pageSize: 25,
    });
    const jobs = (await drainQueue()).map(parseSnapshotJob);
    for (const job of jobs.slice(0, 50)) {
      await snapshots.claim(job.snapshotId, 'worker-1', 60_000);
      await snapshots.markReady(job.snapshotId, 'worker-1', {
        objectKey: job.objectKey,
        sizeBytes: 10,
        contentType: 'image/png',
        renderMs: 5,
      });
    }

    const second = await planEverything({
      reportId: 'trends',
      batchId: 'trends-2',
      pageSize: 25,
    });

    // s-00002 gets no report; the 6 not READY are still PENDING for trends-1.
    expect(first.jobs).toBe(56);
    expect(second).toMatchObject({ jobs: 0, skipped: 56 });
    expect(await drainQueue()).toHaveLength(0);
  });

  it('plans a region report once per region', async () => {
    const plan = await planEverything({
      reportId: 'region-summary',
      batchId: 'regions-1',
      pageSize: 7,
    });
    const jobs = (await drainQueue()).map(parseSnapshotJob);
    const regions = (await datasets.listRegions()).map((r) => r.regionId);

    expect(plan.jobs).toBe(regions.length);
    expect(jobs.map((job) => job.request.region).sort()).toEqual(
      [...regions].sort(),
    );
  });

  it('plans only the campuses asked for', async () => {
    const plan = await planEverything({
      reportId: 'campus-overview',
      batchId: 'subset-1',
      schools: ['s-00010', 's-00005', 's-99999'],
    });
    const jobs = (await drainQueue()).map(parseSnapshotJob);

    // Both are PENDING for overview-1 already: nothing new to render.
    expect(plan).toMatchObject({ campuses: 2, jobs: 0, skipped: 2 });
    expect(jobs).toHaveLength(0);
  });
});
