import {
  serializeSnapshotJob,
  type SnapshotJob,
} from '@snapshots/snapshot-jobs';
import type { JobQueue, ReceivedMessage } from './job-queues';
import { JobProcessor, type JobProcessorOptions } from './job-processor';
import type { ClaimResult, RenderResult } from './ports';
import { sampleJob } from './testing/sample-job';
import { silentLogger } from './testing/silent-logger';
import { JobAbortedError } from './worker-error';

const queue: JobQueue = { name: 'private', url: 'q', maxReceiveCount: 3 };
const png: RenderResult = {
  body: Buffer.from('png'),
  contentType: 'image/png',
  renderMs: 42,
};

function deliver(job: SnapshotJob | string, receiveCount = 1): ReceivedMessage {
  return {
    queue,
    messageId: 'm-1',
    receiptHandle: 'r-1',
    body: typeof job === 'string' ? job : serializeSnapshotJob(job),
    receiveCount,
    sentAt: Date.now() - 500,
  };
}

/** A processor whose collaborators record every call in one list. */
function setUp(
  claim: ClaimResult,
  render: JobProcessorOptions['renderer']['render'] = () =>
    Promise.resolve(png),
) {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(
        name === 'visibility' ? `visibility ${String(args[1])}` : name,
      );
      return Promise.resolve();
    };
  const options: JobProcessorOptions = {
    workerId: 'w-1',
    leaseMs: 6000,
    heartbeatMs: 20,
    retryDelaySeconds: 5,
    leases: {
      claim: jest.fn(() => Promise.resolve(claim)),
      extend: jest.fn(record('extend')),
      release: jest.fn(record('release')),
      markReady: jest.fn((snapshotId: string) => {
        calls.push('markReady');
        return Promise.resolve({ snapshotId, objectKey: 'k', sizeBytes: 3 });
      }),
      markFailed: jest.fn(record('markFailed')),
    },
    renderer: { render: jest.fn(render) },
    objects: {
      put: jest.fn(() => {
        calls.push('put');
        return Promise.resolve({ sizeBytes: 3 });
      }),
    },
    messages: {
      delete: jest.fn(record('delete')),
      setVisibility: jest.fn(record('visibility')),
      deadLetter: jest.fn(record('dead-letter')),
    },
    tasks: {
      succeed: jest.fn(record('succeed')),
      fail: jest.fn(record('fail')),
      heartbeat: jest.fn(record('heartbeat')),
    },
    metrics: { jobReady: jest.fn(), jobFailed: jest.fn() },
    logger: silentLogger(),
  };
  return { processor: new JobProcessor(options), options, calls };
}

/** The calls that are not part of the heartbeat. */
const steps = (calls: string[]) =>
  calls.filter((call) => !/^(extend|visibility 8|heartbeat)$/.test(call));

const noDeadline = () => new AbortController().signal;

/** A render that lasts until its signal is aborted. */
const endless = (_job: SnapshotJob, { signal }: { signal: AbortSignal }) =>
  new Promise<RenderResult>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(new Error('aborted'))),
  );

describe('JobProcessor', () => {
  it('renders a claimed job, stores it, marks it READY and then deletes it', async () => {
    const job = sampleJob(undefined, { taskToken: 't-1' });
    const { processor, options, calls } = setUp({ kind: 'claimed' });

    const outcome = await processor.process(deliver(job), noDeadline());

    expect(outcome).toBe('ready');
    expect(steps(calls)).toEqual(['put', 'markReady', 'succeed', 'delete']);
    expect(options.tasks.succeed).toHaveBeenCalledWith(
      't-1',
      expect.objectContaining({ snapshotId: job.snapshotId }),
    );
    expect(calls).toContain('visibility 8');
    expect(options.leases.extend).toHaveBeenCalledWith(
      job.snapshotId,
      'w-1',
      6000,
    );
    expect(options.metrics.jobReady).toHaveBeenCalledWith(
      expect.objectContaining({ queue: 'private', renderMs: 42 }),
    );
  });

  it('keeps the lease, the message and the task alive while it renders', async () => {
    const job = sampleJob(undefined, { taskToken: 't-1' });
    const slow = () =>
      new Promise<RenderResult>((resolve) => setTimeout(resolve, 150, png));
    const { processor, calls } = setUp({ kind: 'claimed' }, slow);

    await processor.process(deliver(job), noDeadline());

    const count = (name: string) =>
      calls.filter((c) => c.startsWith(name)).length;
    expect(count('extend')).toBeGreaterThanOrEqual(3);
    expect(count('visibility 8')).toBe(count('extend'));
    expect(count('heartbeat')).toBe(count('extend'));
  });

  it('answers and deletes a job that is already READY, without rendering', async () => {
    const job = sampleJob(undefined, { taskToken: 't-1' });
    const snapshot = { snapshotId: job.snapshotId, objectKey: job.objectKey };
    const { processor, options, calls } = setUp({ kind: 'ready', snapshot });

    const outcome = await processor.process(deliver(job), noDeadline());

    expect(outcome).toBe('already-ready');
    expect(options.renderer.render).not.toHaveBeenCalled();
    expect(options.tasks.succeed).toHaveBeenCalledWith('t-1', snapshot);
    expect(calls).toEqual(['succeed', 'delete']);
  });

  it('puts off a job whose lease another worker holds until the lease runs out', async () => {
    const leaseExpiresAt = Date.now() + 10_000;
    const { processor, options, calls } = setUp({
      kind: 'held',
      leaseExpiresAt,
    });

    const outcome = await processor.process(deliver(sampleJob()), noDeadline());

    expect(outcome).toBe('deferred');
    expect(options.renderer.render).not.toHaveBeenCalled();
    const hidden = calls.map((call) => /^visibility (.+)$/.exec(call)?.[1]);
    expect(hidden).toHaveLength(1);
    expect(Number(hidden[0])).toBeGreaterThan(10);
    expect(Number(hidden[0])).toBeLessThanOrEqual(12);
    expect(calls).not.toContain('delete');
  });

  it('releases a failed attempt for the next delivery while attempts remain', async () => {
    const failing = () => Promise.reject(new Error('visual 2 errored'));
    const { processor, options, calls } = setUp({ kind: 'claimed' }, failing);

    const outcome = await processor.process(
      deliver(sampleJob(), 2),
      noDeadline(),
    );

    expect(outcome).toBe('retrying');
    expect(steps(calls)).toEqual(['release', 'visibility 5']);
    expect(options.leases.markFailed).not.toHaveBeenCalled();
    expect(options.metrics.jobFailed).toHaveBeenCalledWith({
      queue: 'private',
      final: false,
    });
  });

  it('marks the job FAILED on its last attempt before the message goes to the dead letters', async () => {
    const job = sampleJob(undefined, { taskToken: 't-1' });
    const failing = () => Promise.reject(new TypeError('visual 2 errored'));
    const { processor, options, calls } = setUp({ kind: 'claimed' }, failing);

    const outcome = await processor.process(deliver(job, 3), noDeadline());

    expect(outcome).toBe('failed');
    expect(options.leases.markFailed).toHaveBeenCalledWith(
      job.snapshotId,
      'TypeError: visual 2 errored',
      'w-1',
    );
    expect(options.tasks.fail).toHaveBeenCalledWith(
      't-1',
      job.snapshotId,
      'TypeError: visual 2 errored',
    );
    expect(steps(calls)).toEqual(['markFailed', 'fail', 'dead-letter']);
    expect(options.messages.deadLetter).toHaveBeenCalledWith(
      expect.objectContaining({ messageId: 'm-1' }),
      'TypeError: visual 2 errored',
    );
  });

  it('hands a failed job back at once when it cannot reach the dead letters', async () => {
    const failing = () => Promise.reject(new Error('visual 2 errored'));
    const { processor, options, calls } = setUp({ kind: 'claimed' }, failing);
    (options.messages.deadLetter as jest.Mock).mockRejectedValue(
      new Error('503'),
    );

    const outcome = await processor.process(
      deliver(sampleJob(), 3),
      noDeadline(),
    );

    expect(outcome).toBe('failed');
    expect(steps(calls)).toEqual(['markFailed', 'visibility 0']);
  });

  it('hands the job back at the drain deadline without spending it', async () => {
    const deadline = new AbortController();
    const { processor, options, calls } = setUp({ kind: 'claimed' }, endless);

    const processing = processor.process(
      deliver(sampleJob(), 3),
      deadline.signal,
    );
    setTimeout(() => deadline.abort(), 50);
    const outcome = await processing;

    expect(outcome).toBe('released');
    expect(calls.slice(-2)).toEqual(['release', 'visibility 0']);
    expect(options.leases.markFailed).not.toHaveBeenCalled();
    expect(options.objects.put).not.toHaveBeenCalled();
  });

  it('stops rendering when another worker has taken the lease over', async () => {
    const { processor, options, calls } = setUp({ kind: 'claimed' }, endless);
    (options.leases.extend as jest.Mock).mockImplementation(() =>
      calls.filter((c) => c === 'lost').length > 0
        ? Promise.reject(new JobAbortedError('lease-lost'))
        : (calls.push('lost'), Promise.resolve()),
    );

    const outcome = await processor.process(deliver(sampleJob()), noDeadline());

    expect(outcome).toBe('lease-lost');
    expect(options.leases.markReady).not.toHaveBeenCalled();
    expect(options.leases.release).not.toHaveBeenCalled();
    expect(calls).not.toContain('delete');
  });

  it('sends a message that is not a job straight to the dead letters', async () => {
    const { processor, options, calls } = setUp({ kind: 'claimed' });

    const outcome = await processor.process(
      deliver('{"nope":1}'),
      noDeadline(),
    );

    expect(outcome).toBe('malformed');
    expect(options.leases.claim).not.toHaveBeenCalled();
    expect(calls).toEqual(['dead-letter']);
    expect(options.messages.deadLetter).toHaveBeenCalledWith(
      expect.objectContaining({ body: '{"nope":1}' }),
      expect.stringMatching(/snapshotId/),
    );
  });

  it('keeps the message of a READY job when its task could not be answered', async () => {
    const job = sampleJob(undefined, { taskToken: 't-1' });
    const { processor, options, calls } = setUp({ kind: 'claimed' });
    (options.tasks.succeed as jest.Mock).mockRejectedValue(new Error('503'));

    const outcome = await processor.process(deliver(job), noDeadline());

    expect(outcome).toBe('ready');
    expect(calls).not.toContain('delete');
    expect(calls.at(-1)).toBe('visibility 5');
  });
});
