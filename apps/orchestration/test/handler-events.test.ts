import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import {
  batchStepVariables,
  DynamoBatchLock,
  queueDepth,
  type BatchStep,
} from '@snapshots/batch';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import { handler as dispatchPrivate } from '../src/handlers/dispatch-private';
import { handler as enqueueJobs } from '../src/handlers/enqueue-jobs';
import { handler as finishBatch } from '../src/handlers/finish-batch';
import { handler as markFailed } from '../src/handlers/mark-failed';
import { handler as planBatch } from '../src/handlers/plan-batch';
import { handler as scaleWorkers } from '../src/handlers/scale-workers';
import { handler as trackBatch } from '../src/handlers/track-batch';
import {
  batchRecords,
  idleWorker,
  snapshotStore,
  useBatchService,
} from './support/batch-service';
import { sampleEvent, withFunctionEnvironment } from './support/sample-events';
import { describeWorkerGroup } from './support/worker-group';

// The handlers' own log lines would bury the test output.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

// The sample events speak of 120 campuses and a group of up to five
// workers; the workers here never take a job, the test plays their part.
const campuses = 120;
const service = useBatchService({
  campuses,
  maxBatchWorkers: 5,
  launchBatchWorker: idleWorker,
  launchPrivateWorker: idleWorker,
});

/** The variables template.yaml gives the private flow's functions. */
const privateVariables = {
  'dispatch-private': ['PRIVATE_WORKER_GROUP_NAME'],
  'mark-failed': ['SNAPSHOTS_TABLE'],
} as const;

function asBatchFunction<T>(step: BatchStep, invoke: () => Promise<T>) {
  return withFunctionEnvironment(
    batchStepVariables[step],
    service().environment,
    invoke,
  );
}

function asPrivateFunction<T>(
  name: keyof typeof privateVariables,
  invoke: () => Promise<T>,
) {
  return withFunctionEnvironment(
    privateVariables[name],
    service().environment,
    invoke,
  );
}

function batchLock() {
  return new DynamoBatchLock(
    service().clients.dynamodb,
    service().names.snapshotsTable,
  );
}

// The private flow first: its sample snapshot is also the batch's job for
// s-00001, which the batch then renders again from FAILED.
describe('the private flow handlers, invoked with the sample events', () => {
  it('dispatch-private starts the private worker group from zero', async () => {
    const group = service().names.privateWorkers;
    expect(await describeWorkerGroup(service(), group)).toEqual({
      desired: 0,
      instances: 0,
    });

    const worker = await asPrivateFunction('dispatch-private', () =>
      dispatchPrivate(sampleEvent('dispatch-private.json')),
    );

    expect(worker).toMatchObject({ groupName: group, desiredCapacity: 1 });
    expect(await describeWorkerGroup(service(), group)).toEqual({
      desired: 1,
      instances: 1,
    });
  });

  it('mark-failed ends the sample snapshot FAILED with a reason', async () => {
    const event = sampleEvent<{
      snapshotId: string;
      reportId: string;
      request: CanonicalRequest;
      reportVersion: string;
      dataEpoch: string;
      objectKey: string;
    }>('mark-failed.json');
    const store = snapshotStore(service());
    // What request-snapshot wrote before it started the private render.
    await store.ensure({
      snapshotId: event.snapshotId,
      reportId: event.reportId,
      request: event.request,
      reportVersion: event.reportVersion,
      dataEpoch: event.dataEpoch,
      objectKey: event.objectKey,
    });

    await asPrivateFunction('mark-failed', () => markFailed(event));

    const record = await store.get(event.snapshotId, { consistent: true });
    expect(record?.status).toBe('FAILED');
    expect(record?.failureReason).toMatch(/\S/);
  });
});

describe('the batch handlers, invoked with the sample events', () => {
  const batchId = 'nightly-20261201';

  it('plan-batch pins the revision, records the batch RUNNING and takes the worker group', async () => {
    const plan = await asBatchFunction('plan-batch', () =>
      planBatch(sampleEvent('plan-batch.json')),
    );

    expect(plan).toMatchObject({
      batchId,
      reportId: 'campus-overview',
      revision: {
        version: '1',
        dataEpoch: await service().datasets.dataEpoch(),
      },
      scope: 'school',
      schools: null,
      cursor: null,
      complete: false,
      jobs: 0,
    });
    expect(await batchRecords(service()).get(batchId)).toMatchObject({
      batchId,
      reportId: 'campus-overview',
      status: 'RUNNING',
    });
    expect(await batchLock().holder()).toMatchObject({
      batchId,
      reportId: 'campus-overview',
    });
  });

  it('enqueue-jobs writes one PENDING snapshot and one queued job per campus', async () => {
    const event = sampleEvent<{ revision: { dataEpoch: string } }>(
      'enqueue-jobs.json',
    );

    const plan = await asBatchFunction('enqueue-jobs', () =>
      enqueueJobs(event),
    );

    expect(plan).toMatchObject({
      batchId,
      complete: true,
      pages: 1,
      campuses,
      jobs: campuses,
      skipped: 0,
    });
    const { sqs } = service().clients;
    const queueUrl = service().queues.batchQueueUrl;
    expect(await queueDepth(sqs, queueUrl)).toBe(campuses);
    expect(await snapshotStore(service()).countByBatch(batchId)).toEqual({
      PENDING: campuses,
      RENDERING: 0,
      READY: 0,
      FAILED: 0,
    });
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 1 }),
    );
    const job = parseSnapshotJob(Messages[0]?.Body ?? '');
    expect(job).toMatchObject({
      batchId,
      reportId: 'campus-overview',
      dataEpoch: event.revision.dataEpoch,
    });
    expect(await snapshotStore(service()).get(job.snapshotId)).toMatchObject({
      status: 'PENDING',
      batchId,
      objectKey: job.objectKey,
    });
    expect(await batchRecords(service()).get(batchId)).toMatchObject({
      total: campuses,
    });
  });

  it('scale-workers starts one worker per 25 jobs', async () => {
    const group = service().names.batchWorkers;

    const capacity = await asBatchFunction('scale-workers', () =>
      scaleWorkers(sampleEvent('scale-workers.json')),
    );

    expect(capacity).toEqual({
      groupName: group,
      desired: 5,
      previous: 0,
      groupMax: 5,
    });
    expect(await describeWorkerGroup(service(), group)).toEqual({
      desired: 5,
      instances: 5,
    });
  });

  it('track-batch counts the jobs and the queue, and stops at the passed deadline', async () => {
    const progress = await asBatchFunction('track-batch', () =>
      trackBatch(sampleEvent('track-batch.json')),
    );

    // The sample's deadline, 2026-12-01T03:00Z, is behind us.
    expect(progress).toMatchObject({
      settled: true,
      reason: 'timedOut',
      counts: { PENDING: campuses, RENDERING: 0, READY: 0, FAILED: 0 },
      queueDepth: campuses,
      idleChecks: 0,
    });
  });

  it('finish-batch keeps the summary on the record and gives the worker group back', async () => {
    // What the workers would have done: 117 READY, 3 FAILED; then ScaleIn.
    const store = snapshotStore(service());
    const { records } = await store.listByBatch(batchId, { limit: 200 });
    for (const [i, record] of records.entries()) {
      await store.claim(record.snapshotId, 'worker-1', 60_000);
      if (i < 3) {
        await store.markFailed(record.snapshotId, 'blank page', 'worker-1');
      } else {
        await store.markReady(record.snapshotId, 'worker-1', {
          objectKey: record.objectKey,
          sizeBytes: 2048,
          contentType: 'image/png',
          renderMs: 900,
        });
      }
    }
    await scaleWorkers({
      ...sampleEvent<object>('scale-workers.json'),
      jobs: 0,
    });

    const summary = await asBatchFunction('finish-batch', () =>
      finishBatch(sampleEvent('finish-batch.json')),
    );

    const expected = {
      batchId,
      status: 'SUCCEEDED',
      total: campuses,
      ready: 117,
      failed: 3,
      failures: records.slice(0, 3).map((record): unknown =>
        expect.objectContaining({
          snapshotId: record.snapshotId,
          school: record.request.school,
          reason: 'blank page',
        }),
      ),
    };
    expect(records).toHaveLength(campuses);
    expect(summary).toMatchObject(expected);
    expect(await batchRecords(service()).get(batchId)).toMatchObject({
      status: 'SUCCEEDED',
      summary: expected,
    });
    expect(await batchLock().holder()).toBeUndefined();
    expect(
      await describeWorkerGroup(service(), service().names.batchWorkers),
    ).toMatchObject({ desired: 0 });
  });
});
