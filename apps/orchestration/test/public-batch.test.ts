import { readdirSync } from 'node:fs';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';
import {
  runPublicBatch,
  useBatchService,
  type BatchOutcome,
} from './support/batch-service';
import {
  listObjectKeys,
  readObject,
  recordsOfBatch,
} from './support/snapshot-objects';
import { fleetAfterBatch } from './support/worker-group';
import { WorkerProcessWatch } from './support/worker-processes';

const campuses = 50;
const reportId = 'campus-overview';
const schools = Array.from(
  { length: campuses },
  (_, i) => `s-${String(i + 1).padStart(5, '0')}`,
);

// Two workers with two capture slots each: as much as two cores carry.
const service = useBatchService({
  campuses,
  maxBatchWorkers: 2,
  captureSlots: 2,
});

describe(`a public batch of ${campuses} campuses`, () => {
  let first: BatchOutcome;
  let firstRecords: SnapshotRecord[];
  let watch: WorkerProcessWatch;

  beforeAll(async () => {
    watch = new WorkerProcessWatch(service(), service().names.batchWorkers);
    watch.start();
    try {
      first = await runPublicBatch(service(), { reportId, jobsPerWorker: 25 });
    } finally {
      watch.stop();
    }
    firstRecords = await recordsOfBatch(service(), first.report.batchId);
  }, 300_000);

  it('ends with every campus READY', () => {
    expect(first.execution).toBe('SUCCEEDED');
    expect(first.report).toMatchObject({
      status: 'SUCCEEDED',
      total: campuses,
      ready: campuses,
      failed: 0,
      skipped: 0,
    });
    expect(first.report.jobs.map((job) => job.school).sort()).toEqual(schools);
    expect(first.summary).toMatchObject({
      batchId: first.report.batchId,
      status: 'SUCCEEDED',
      total: campuses,
      ready: campuses,
      failed: 0,
      skipped: 0,
      campuses,
      failures: [],
    });
  });

  it('stores one PNG per campus in the bucket, and nothing else', async () => {
    expect(firstRecords).toHaveLength(campuses);

    for (const record of firstRecords) {
      expect(record).toMatchObject({
        status: 'READY',
        contentType: 'image/png',
      });
      const stored = await readObject(service(), record.objectKey);
      expect(stored).toMatchObject({
        key: record.objectKey,
        contentType: 'image/png',
        sizeBytes: record.sizeBytes,
        png: true,
      });
    }
    expect(await listObjectKeys(service())).toEqual(
      firstRecords.map((record) => record.objectKey).sort(),
    );
  });

  it('scales the workers out, then back to zero with no process left', async () => {
    expect(watch.peakWorkers).toBe(2);
    // The watch must have seen the browsers too, or "none left" means
    // little.
    expect(watch.processes.map((p) => p.command)).toContainEqual(
      expect.stringMatching(/chrom/i),
    );

    expect(await fleetAfterBatch(service(), watch)).toEqual({
      desired: 0,
      instances: 0,
      running: [],
    });
  }, 90_000);

  it('run again, renders nothing new and says every campus was skipped', async () => {
    const keys = await listObjectKeys(service());
    const before = await Promise.all(
      keys.map((key) => readObject(service(), key)),
    );
    const launchedBefore = workerLogs();
    const again = new WorkerProcessWatch(
      service(),
      service().names.batchWorkers,
    ).start();

    let second: BatchOutcome;
    try {
      second = await runPublicBatch(service(), { reportId, jobsPerWorker: 25 });
    } finally {
      again.stop();
    }

    expect(second.execution).toBe('SUCCEEDED');
    expect(second.report.batchId).not.toBe(first.report.batchId);
    expect(second.report).toMatchObject({
      status: 'SUCCEEDED',
      total: 0,
      ready: 0,
      failed: 0,
      skipped: campuses,
      jobs: [],
    });
    expect(second.summary).toMatchObject({
      status: 'SUCCEEDED',
      total: 0,
      skipped: campuses,
      campuses,
    });

    // No worker was started and no snapshot or picture was touched.
    expect(again.peakWorkers).toBe(0);
    expect(workerLogs()).toEqual(launchedBefore);
    expect(await recordsOfBatch(service(), second.report.batchId)).toEqual([]);
    expect(await recordsOfBatch(service(), first.report.batchId)).toEqual(
      firstRecords,
    );
    expect(await listObjectKeys(service())).toEqual(keys);
    expect(
      await Promise.all(keys.map((key) => readObject(service(), key))),
    ).toEqual(before);
    expect(await fleetAfterBatch(service(), again)).toEqual({
      desired: 0,
      instances: 0,
      running: [],
    });
  }, 120_000);
});

/** Each launch of a batch worker leaves a log file named after it. */
function workerLogs(): string[] {
  return readdirSync(service().logDir)
    .filter((name) => name.startsWith(service().names.batchWorkers))
    .sort();
}
