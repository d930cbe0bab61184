import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import {
  runPublicBatch,
  useBatchService,
  type BatchOutcome,
} from './support/batch-service';
import { listObjectKeys, recordsOfBatch } from './support/snapshot-objects';
import { fleetAfterBatch } from './support/worker-group';
import { WorkerProcessWatch } from './support/worker-processes';

const campuses = 50;
// The report server answers every dashboard of these schools with an
// error, as a broken data source would.
const failingSchools = ['s-00007', 's-00023', 's-00041'];

const service = useBatchService({
  campuses,
  failingSchools,
  maxBatchWorkers: 2,
  captureSlots: 2,
});

describe(`a public batch of ${campuses} campuses, ${failingSchools.length} of them failing`, () => {
  let outcome: BatchOutcome;
  let watch: WorkerProcessWatch;

  beforeAll(async () => {
    watch = new WorkerProcessWatch(service(), service().names.batchWorkers);
    watch.start();
    try {
      outcome = await runPublicBatch(service(), {
        reportId: 'campus-overview',
        jobsPerWorker: 25,
      });
    } finally {
      watch.stop();
    }
  }, 420_000);

  it('ends with 47 READY and 3 FAILED, each with its reason', () => {
    const ready = campuses - failingSchools.length;
    expect(outcome.execution).toBe('SUCCEEDED');
    expect(outcome.report).toMatchObject({
      total: campuses,
      ready,
      failed: failingSchools.length,
      skipped: 0,
    });

    const failed = outcome.report.jobs.filter((j) => j.status === 'FAILED');
    expect(failed.map((job) => job.school).sort()).toEqual(failingSchools);
    for (const job of failed) {
      expect(job.reason).toMatch(/\S/);
    }
    expect(outcome.summary).toMatchObject({
      total: campuses,
      ready,
      failed: failingSchools.length,
      failuresTruncated: false,
    });
    expect(outcome.summary.failures).toHaveLength(failingSchools.length);
    for (const failure of outcome.summary.failures) {
      expect(failure.reason).toMatch(/\S/);
    }
  });

  it('stores a picture for every READY campus and none for the failed', async () => {
    const records = await recordsOfBatch(service(), outcome.report.batchId);
    const ready = records.filter((record) => record.status === 'READY');

    expect(records.map((record) => record.status).sort()).toEqual(
      outcome.report.jobs.map((job) => job.status).sort(),
    );
    expect(await listObjectKeys(service())).toEqual(
      ready.map((record) => record.objectKey).sort(),
    );
  });

  it('leaves the failed jobs in the dead-letter queue', async () => {
    const { Messages = [] } = await service().clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: service().queues.batchDeadLetterUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    const dead = Messages.map((m) => parseSnapshotJob(m.Body ?? ''));
    const failedIds = outcome.report.jobs
      .filter((job) => job.status === 'FAILED')
      .map((job) => job.snapshotId)
      .sort();

    expect([...new Set(dead.map((job) => job.snapshotId))].sort()).toEqual(
      failedIds,
    );
  });

  it('scales the workers back to zero with no process left', async () => {
    expect(watch.peakWorkers).toBe(2);
    expect(await fleetAfterBatch(service(), watch)).toEqual({
      desired: 0,
      instances: 0,
      running: [],
    });
  }, 90_000);
});
