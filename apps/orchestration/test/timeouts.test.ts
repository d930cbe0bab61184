import { DynamoBatchLock } from '@snapshots/batch';
import {
  runPublicBatch,
  idleWorker,
  useBatchService,
} from './support/batch-service';
import { registerVariant } from './support/machine-variants';
import { renderPrivately } from './support/private-render';
import { recordsOfBatch } from './support/snapshot-objects';
import { fleetAfterBatch } from './support/worker-group';
import { WorkerProcessWatch } from './support/worker-processes';

// Workers that start and never take a job: every wait here runs out.
const service = useBatchService({
  campuses: 12,
  maxBatchWorkers: 2,
  launchBatchWorker: idleWorker,
  launchPrivateWorker: idleWorker,
});

const schools = ['s-00001', 's-00002', 's-00003', 's-00004', 's-00005'];

describe('a batch whose deadline passes with jobs unfinished', () => {
  it('times out, scales in, fails what is left and keeps the summary', async () => {
    const watch = new WorkerProcessWatch(
      service(),
      service().names.batchWorkers,
    ).start();
    let outcome;
    try {
      outcome = await runPublicBatch(service(), {
        reportId: 'campus-overview',
        batchId: 'deadline-10s',
        schools,
        jobsPerWorker: 3,
        timeoutSeconds: 10,
      });
    } finally {
      watch.stop();
    }

    expect(outcome.execution).toBe('FAILED');
    expect(outcome.error).toBe('BatchTimedOut');
    expect(watch.peakWorkers).toBe(2);
    const fleet = await fleetAfterBatch(service(), watch);
    expect(fleet).toEqual({ desired: 0, instances: 0, running: [] });

    const records = await recordsOfBatch(service(), 'deadline-10s');
    expect(records).toHaveLength(schools.length);
    for (const record of records) {
      expect(record).toMatchObject({
        status: 'FAILED',
        failureReason: 'batch timed out after 10 s',
      });
    }
    expect(outcome.record).toMatchObject({
      status: 'TIMED_OUT',
      total: schools.length,
      summary: {
        status: 'TIMED_OUT',
        total: schools.length,
        ready: 0,
        failed: schools.length,
        failures: expect.arrayContaining([
          expect.objectContaining({ reason: 'batch timed out after 10 s' }),
        ]),
      },
    });
    const lock = new DynamoBatchLock(
      service().clients.dynamodb,
      service().names.snapshotsTable,
    );
    expect(await lock.holder()).toBeUndefined();
  }, 120_000);
});

describe('a private render that no worker answers', () => {
  // The same ASL with its waits cut from minutes to seconds; nothing else
  // differs.
  let shortHeartbeat: string;
  let shortTimeout: string;

  beforeAll(() => {
    shortHeartbeat = registerVariant(service(), 'private', {
      name: 'private-heartbeat-2s',
      states: (states) => {
        Object.assign(states.SendJob ?? {}, { HeartbeatSeconds: 2 });
      },
    });
    shortTimeout = registerVariant(service(), 'private', {
      name: 'private-timeout-3s',
      states: (states) => {
        const sendJob = states.SendJob ?? {};
        delete sendJob.HeartbeatSeconds;
        sendJob.TimeoutSeconds = 3;
      },
    });
  });

  it.each([
    ['sends no heartbeat', () => shortHeartbeat, 's-00010'],
    ['never ends the task', () => shortTimeout, 's-00011'],
  ])(
    'ends the snapshot FAILED with a reason when the worker %s',
    async (_, arn, school) => {
      const outcome = await renderPrivately(service(), arn(), school);

      expect(outcome.execution).toBe('FAILED');
      expect(outcome.record?.status).toBe('FAILED');
      expect(outcome.record?.failureReason).toMatch(/\S/);
    },
    60_000,
  );
});
