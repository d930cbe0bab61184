import { PNG } from 'pngjs';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import { WorkerFleet } from './support/worker-fleet';
import { useWorkerStack } from './support/worker-stack';

// Workers are separate processes with their own Chromium: every wait here
// is for a real render on a shared machine, hence the generous limits.
jest.setTimeout(240_000);

const failingSchool = 's-00012';
const stack = useWorkerStack({ failingSchools: [failingSchool] });
const fleet = new WorkerFleet();

afterEach(() => fleet.stopAll());

// One visual of every report takes seconds to load, so a capture is
// still running when the test acts on it; the debug level shows when a
// worker has claimed its job and starts to capture.
const slowCaptures = {
  REPORT_SERVER_QUERY: 'fault=slow',
  POWERTOOLS_LOG_LEVEL: 'DEBUG',
};

describe('the snapshot worker', () => {
  it('turns a job into a READY object: PNG bytes for a PNG job, PDF for a PDF job', async () => {
    const queues = await stack().createQueues('ready', 2);
    const worker = await fleet.startOne(
      'w-ready',
      stack().workerEnvironment(queues),
    );

    const png = await stack().enqueue(queues.batchUrl, {
      reportId: 'campus-overview',
      school: 's-00001',
    });
    const pdf = await stack().enqueue(queues.privateUrl, {
      reportId: 'region-summary',
      region: 'r-001',
      format: 'pdf',
    });
    const [pngRecord, pdfRecord] = await Promise.all([
      stack().settled(png.snapshotId, ['READY', 'FAILED']),
      stack().settled(pdf.snapshotId, ['READY', 'FAILED']),
    ]);

    expect(pngRecord).toMatchObject({
      status: 'READY',
      contentType: 'image/png',
    });
    const picture = await stack().object(png.objectKey);
    const decoded = PNG.sync.read(picture.bytes);
    expect(decoded.width).toBeGreaterThan(100);
    expect(picture.bytes.length).toBe(pngRecord.sizeBytes);
    expect(picture.object).toMatchObject({
      ContentType: 'image/png',
      CacheControl: expect.stringContaining('immutable'),
      ChecksumSHA256: expect.any(String),
      Metadata: {
        'snapshot-id': png.snapshotId,
        'report-id': 'campus-overview',
        'report-version': expect.any(String),
        'data-epoch': expect.any(String),
      },
    });

    expect(pdfRecord).toMatchObject({
      status: 'READY',
      contentType: 'application/pdf',
    });
    const document = await stack().object(pdf.objectKey);
    expect(document.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await expect(
      worker.waitFor(
        (line) => line.JobsDone === 1 && line.queue === 'batch',
        'metrics',
      ),
    ).resolves.toMatchObject({ RenderTime: expect.any(Number) });
    const ready = worker.logged('job ready', { snapshotId: png.snapshotId });
    expect(ready).toEqual([
      expect.objectContaining({ attempt: 1, workerId: 'w-ready' }),
    ]);
    // A job outside any batch says so by leaving the field out.
    expect(ready[0]).not.toHaveProperty('batchId');
    await stack().emptied(queues.batchUrl);
    await stack().emptied(queues.privateUrl);
  });

  it('ends a report that always fails FAILED with its reason, its message among the dead letters', async () => {
    const queues = await stack().createQueues('failing', 2);
    await fleet.start(
      ['w-failing-1', 'w-failing-2'],
      stack().workerEnvironment(queues),
    );

    const job = await stack().enqueue(queues.batchUrl, {
      reportId: 'campus-overview',
      school: failingSchool,
    });
    const record = await stack().settled(job.snapshotId, ['READY', 'FAILED']);

    expect(record.status).toBe('FAILED');
    expect(record.failureReason).toMatch(/^ReportRenderError: /);
    const deadLetters = await stack().arrivals(queues.batchDeadLetterUrl);
    expect(deadLetters.map((body) => parseSnapshotJob(body))).toEqual([
      expect.objectContaining({ snapshotId: job.snapshotId }),
    ]);
    await stack().emptied(queues.batchUrl);

    const snapshotId = job.snapshotId;
    expect(fleet.logged('job attempt failed', { snapshotId })).toEqual([
      expect.objectContaining({ attempt: 1 }),
    ]);
    expect(fleet.logged('job failed', { snapshotId })).toEqual([
      expect.objectContaining({ attempt: 2, reason: record.failureReason }),
    ]);
    expect(fleet.rendered(snapshotId)).toEqual([]);
  });

  it('has another worker redo the job of a worker killed mid-capture', async () => {
    const queues = await stack().createQueues('killed', 5);
    await fleet.start(
      ['w-killed-1', 'w-killed-2'],
      stack().workerEnvironment(queues, slowCaptures),
    );

    const job = await stack().enqueue(
      queues.batchUrl,
      { reportId: 'campus-overview', school: 's-00003' },
      { batchId: 'b-killed' },
    );
    const snapshotId = job.snapshotId;
    const victim = await fleet.firstToLog('job claimed', { snapshotId });
    victim.kill();

    await expect(victim.exited).resolves.toEqual({
      code: null,
      signal: 'SIGKILL',
    });
    const record = await stack().settled(snapshotId, ['READY', 'FAILED']);
    // The lease ran out and was taken over, which counts as a new attempt.
    expect(record).toMatchObject({ status: 'READY', attempt: 2 });
    expect(fleet.rendered(snapshotId)).toEqual([
      expect.not.objectContaining({ workerId: victim.name }),
    ]);
    await stack().emptied(queues.batchUrl);
    await expect(stack().store.countByBatch('b-killed')).resolves.toEqual({
      PENDING: 0,
      RENDERING: 0,
      READY: 1,
      FAILED: 0,
    });
  });

  it('drains on SIGTERM: the job in flight is finished, then it exits 0', async () => {
    const queues = await stack().createQueues('draining', 5);
    await fleet.start(
      ['w-draining-1', 'w-draining-2'],
      stack().workerEnvironment(queues, {
        ...slowCaptures,
        DRAIN_SECONDS: '90',
      }),
    );

    const job = await stack().enqueue(queues.batchUrl, {
      reportId: 'campus-overview',
      school: 's-00004',
    });
    const snapshotId = job.snapshotId;
    const leaving = await fleet.firstToLog('job claimed', { snapshotId });
    // The logged pid is the signalled one: no launcher stands between.
    expect(leaving.logged('worker started')[0]?.pid).toBe(leaving.pid);
    leaving.terminate();

    await expect(leaving.exitWithin(150_000)).resolves.toEqual({
      code: 0,
      signal: null,
    });
    expect(leaving.logged('job ready', { snapshotId })).toHaveLength(1);
    expect(leaving.logged('worker stopped')).toHaveLength(1);
    await expect(
      stack().settled(snapshotId, ['READY', 'FAILED']),
    ).resolves.toMatchObject({ status: 'READY', attempt: 1 });
    expect(fleet.rendered(snapshotId)).toHaveLength(1);
    await stack().emptied(queues.batchUrl);
  });

  it('hands the job back on SIGTERM when the drain deadline comes first, and exits 0', async () => {
    const queues = await stack().createQueues('released', 5);
    // This worker's capture never ends: one visual is never answered.
    const leaving = await fleet.startOne(
      'w-released-1',
      stack().workerEnvironment(queues, {
        REPORT_SERVER_QUERY: 'fault=never',
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
        CAPTURE_TIMEOUT_SECONDS: '600',
        DRAIN_SECONDS: '2',
      }),
    );
    const job = await stack().enqueue(queues.batchUrl, {
      reportId: 'campus-overview',
      school: 's-00005',
    });
    const snapshotId = job.snapshotId;
    await leaving.waitFor(
      (line) =>
        line.message === 'job claimed' && line.snapshotId === snapshotId,
      'claim',
    );
    const successor = await fleet.startOne(
      'w-released-2',
      stack().workerEnvironment(queues),
    );

    leaving.terminate();

    await expect(leaving.exitWithin(60_000)).resolves.toEqual({
      code: 0,
      signal: null,
    });
    expect(leaving.logged('job released', { snapshotId })).toHaveLength(1);
    await expect(
      stack().settled(snapshotId, ['READY', 'FAILED']),
    ).resolves.toMatchObject({ status: 'READY' });
    expect(fleet.rendered(snapshotId)).toEqual([
      expect.objectContaining({ workerId: successor.name, attempt: 2 }),
    ]);
    await stack().emptied(queues.batchUrl);
  });

  it('renders an identity once however many of its messages arrive', async () => {
    const queues = await stack().createQueues('duplicates', 5);
    await fleet.start(
      ['w-duplicates-1', 'w-duplicates-2', 'w-duplicates-3'],
      stack().workerEnvironment(queues, slowCaptures),
    );

    const copies = 4;
    const job = await stack().enqueue(
      queues.batchUrl,
      { reportId: 'campus-overview', school: 's-00006' },
      { copies },
    );
    const snapshotId = job.snapshotId;
    await expect(
      stack().settled(snapshotId, ['READY', 'FAILED']),
    ).resolves.toMatchObject({ status: 'READY' });
    await stack().emptied(queues.batchUrl);

    expect(fleet.rendered(snapshotId)).toHaveLength(1);
    expect(fleet.logged('job already ready', { snapshotId })).toHaveLength(
      copies - 1,
    );
    // More than one worker had a copy in hand while the render went on.
    expect(fleet.logged('job held elsewhere', { snapshotId })).not.toEqual([]);
  });
});
