import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchRefusedError,
  DynamoBatchLock,
  type BatchProgressState,
} from '@snapshots/batch';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';
import {
  runPublicBatch,
  useBatchService,
  type BatchOutcome,
} from './support/batch-service';
import { InjectedFault, registerVariant } from './support/machine-variants';
import { recordsOfBatch } from './support/snapshot-objects';
import { fleetAfterBatch } from './support/worker-group';
import { WorkerProcessWatch } from './support/worker-processes';

const reportId = 'campus-overview';
const service = useBatchService({
  campuses: 24,
  maxBatchWorkers: 2,
  captureSlots: 2,
});

const schoolRange = (from: number, to: number) =>
  Array.from(
    { length: to - from + 1 },
    (_, i) => `s-${String(from + i).padStart(5, '0')}`,
  );

function batchLock(): DynamoBatchLock {
  return new DynamoBatchLock(
    service().clients.dynamodb,
    service().names.snapshotsTable,
  );
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let polls = 0; polls < 300; polls++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`waited 30 s for ${what}`);
}

describe('a batch whose tracking step fails for good mid-render', () => {
  const schools = schoolRange(1, 10);
  let outcome: BatchOutcome;
  let records: SnapshotRecord[];
  let watch: WorkerProcessWatch;
  let fleet: Awaited<ReturnType<typeof fleetAfterBatch>>;

  beforeAll(async () => {
    // The same ASL and code, but TrackBatch throws an error no Retry names
    // as soon as the workers are at it, so the Catch path runs with jobs
    // PENDING, RENDERING and READY at once.
    const stateMachineArn = registerVariant(service(), 'batch', {
      name: 'batch-tracker-fails',
      handlers: {
        TrackBatch: (original) => async (input, context) => {
          const progress = (await original(
            input,
            context,
          )) as BatchProgressState;
          const { RENDERING, READY } = progress.counts;
          if (RENDERING + READY > 0) {
            throw new InjectedFault('the tracker lost count mid-batch');
          }
          return progress;
        },
      },
    });

    watch = new WorkerProcessWatch(service(), service().names.batchWorkers);
    watch.start();
    try {
      outcome = await runPublicBatch(
        service(),
        { reportId, batchId: 'tracker-fails', schools, jobsPerWorker: 5 },
        { stateMachineArn },
      );
    } finally {
      watch.stop();
    }
    // A job under a live lease is left to its worker, which ends it while
    // it drains: the jobs are looked at once every worker has exited.
    fleet = await fleetAfterBatch(service(), watch);
    records = await recordsOfBatch(service(), 'tracker-fails');
  }, 300_000);

  it('ends the execution FAILED through the Catch path', () => {
    expect(outcome.execution).toBe('FAILED');
    expect(outcome.error).toBe('BatchFailed');
  });

  it('scales the workers in and leaves no worker process behind', () => {
    expect(watch.peakWorkers).toBe(2);
    expect(fleet).toEqual({ desired: 0, instances: 0, running: [] });
  });

  it('ends every job READY or FAILED, the FAILED ones with the reason', () => {
    expect(records.map((record) => record.request.school).sort()).toEqual(
      schools,
    );
    for (const record of records) {
      expect(['READY', 'FAILED']).toContain(record.status);
      if (record.status === 'FAILED') {
        expect(record.failureReason).toMatch(/\S/);
      }
    }
    // Jobs still on the queue when the step failed end with its reason.
    const failedByBatch = records.filter((record) =>
      record.failureReason?.includes('InjectedFault'),
    );
    expect(failedByBatch.length).toBeGreaterThan(0);
  });

  it('keeps the summary with the reason on the batch record', () => {
    const summary = outcome.record?.summary;

    expect(outcome.record?.status).toBe('FAILED');
    expect(summary).toMatchObject({
      status: 'FAILED',
      total: schools.length,
      error: expect.stringMatching(
        /^InjectedFault: the tracker lost count mid-batch/,
      ),
    });
    expect((summary?.ready ?? 0) + (summary?.failed ?? 0)).toBe(schools.length);
  });

  it('gives the worker group back', async () => {
    expect(await batchLock().holder()).toBeUndefined();
  });
});

describe('one batch at a time on the worker group', () => {
  it('refuses a batch started while another runs, naming it, and leaves the running one be', async () => {
    const first = runPublicBatch(service(), {
      reportId,
      batchId: 'overlap-first',
      schools: schoolRange(11, 16),
      jobsPerWorker: 3,
    });
    await until(
      async () => (await batchLock().holder())?.batchId === 'overlap-first',
      'the first batch to take the worker group',
    );

    const second = await runPublicBatch(service(), {
      reportId,
      batchId: 'overlap-second',
      schools: schoolRange(17, 22),
      jobsPerWorker: 3,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const firstOutcome = await first;

    expect(second).toBeInstanceOf(BatchRefusedError);
    expect(second).toMatchObject({
      batchId: 'overlap-second',
      error: 'BatchAlreadyRunningError',
      message: expect.stringContaining(
        'batch overlap-first (report campus-overview) is still running',
      ),
    });
    expect(await recordsOfBatch(service(), 'overlap-second')).toEqual([]);
    expect(firstOutcome.execution).toBe('SUCCEEDED');
    expect(firstOutcome.report).toMatchObject({
      status: 'SUCCEEDED',
      total: 6,
      ready: 6,
      failed: 0,
    });
    expect(await batchLock().holder()).toBeUndefined();
  }, 300_000);

  it('takes the worker group over from a batch that died holding it', async () => {
    // A batch that took the group three hours ago and never finished: its
    // hold lapsed an hour ago.
    const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
    await new DynamoBatchLock(
      service().clients.dynamodb,
      service().names.snapshotsTable,
      () => hoursAgo(3),
    ).take({ batchId: 'died-holding', reportId, staleAt: hoursAgo(1) });

    const outcome = await runPublicBatch(service(), {
      reportId,
      batchId: 'after-the-dead',
      schools: schoolRange(23, 24),
      jobsPerWorker: 2,
    });

    expect(outcome.execution).toBe('SUCCEEDED');
    expect(outcome.report).toMatchObject({ total: 2, ready: 2, failed: 0 });
    expect(await batchLock().holder()).toBeUndefined();
  }, 300_000);
});
