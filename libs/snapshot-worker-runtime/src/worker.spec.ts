import type { JobQueue, ReceivedMessage } from './job-queues';
import type { JobOutcome } from './job-processor';
import { silentLogger } from './testing/silent-logger';
import { Worker } from './worker';

const queue: JobQueue = { name: 'batch', url: 'q', maxReceiveCount: 3 };

function message(id: number): ReceivedMessage {
  return {
    queue,
    messageId: `m-${id}`,
    receiptHandle: `r-${id}`,
    body: '{}',
    receiveCount: 1,
  };
}

/** A queue that hands out `total` messages, then long-polls empty. */
function fakeQueue(total: number) {
  let next = 0;
  const asked: number[] = [];
  return {
    asked,
    receive: async (max: number, signal?: AbortSignal) => {
      asked.push(max);
      if (next >= total) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 50);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
        signal?.throwIfAborted();
        return [];
      }
      const count = Math.min(max, total - next);
      return Array.from({ length: count }, () => message(next++));
    },
  };
}

/** Jobs that run until the test finishes them (or the deadline passes). */
function heldJobs() {
  const running = new Map<string, (outcome: JobOutcome) => void>();
  let peak = 0;
  let started = 0;
  return {
    running,
    get peak() {
      return peak;
    },
    get started() {
      return started;
    },
    process: (received: ReceivedMessage, deadline: AbortSignal) =>
      new Promise<JobOutcome>((resolve) => {
        running.set(received.messageId, resolve);
        started += 1;
        peak = Math.max(peak, running.size);
        deadline.addEventListener('abort', () => resolve('released'));
      }).finally(() => running.delete(received.messageId)),
    finishAll() {
      for (const finish of running.values()) finish('ready');
    },
  };
}

/** Waits for `condition`, failing after two seconds rather than hanging. */
const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('Worker', () => {
  it('runs no more jobs at once than it has slots', async () => {
    const queues = fakeQueue(5);
    const jobs = heldJobs();
    const worker = new Worker({
      queues,
      processor: jobs,
      slots: 2,
      drainMs: 1000,
      logger: silentLogger(),
    });

    const running = worker.run();
    await until(() => jobs.running.size === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jobs.running.size).toBe(2);

    while (jobs.started < 5) {
      jobs.finishAll();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    jobs.finishAll();
    await worker.stop();
    await running;

    expect(jobs.peak).toBe(2);
    expect(queues.asked[0]).toBe(2);
    expect(Math.max(...queues.asked)).toBeLessThanOrEqual(2);
  });

  it('on stop receives no more and waits for the jobs in flight', async () => {
    const queues = fakeQueue(1);
    const jobs = heldJobs();
    const worker = new Worker({
      queues,
      processor: jobs,
      slots: 2,
      drainMs: 5000,
      logger: silentLogger(),
    });
    void worker.run();
    await until(() => jobs.running.size === 1);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    const polls = queues.asked.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);

    jobs.finishAll();
    await stopping;
    expect(queues.asked.length).toBe(polls);
    expect(worker.jobsInFlight).toBe(0);
  });

  it('hands jobs back when the drain deadline passes', async () => {
    const jobs = heldJobs();
    const outcomes: JobOutcome[] = [];
    const worker = new Worker({
      queues: fakeQueue(2),
      processor: {
        process: (received, deadline) =>
          jobs.process(received, deadline).then((outcome) => {
            outcomes.push(outcome);
            return outcome;
          }),
      },
      slots: 2,
      drainMs: 200,
      logger: silentLogger(),
    });
    void worker.run();
    await until(() => jobs.running.size === 2);

    await worker.stop();

    expect(outcomes).toEqual(['released', 'released']);
  });

  it('works on what a long poll in flight at the stop brings back, not losing it', async () => {
    const jobs = heldJobs();
    let answer: (messages: ReceivedMessage[]) => void = () => undefined;
    let polls = 0;
    const worker = new Worker({
      queues: {
        // As the SDK does: a poll whose signal is aborted is given up,
        // whatever the queue had already handed to it.
        receive: (_max, signal) => {
          polls += 1;
          return new Promise((resolve, reject) => {
            answer = resolve;
            signal?.addEventListener('abort', () => reject(new Error('cut')));
          });
        },
      },
      processor: jobs,
      slots: 1,
      drainMs: 1000,
      logger: silentLogger(),
    });
    void worker.run();
    await until(() => polls === 1);

    const stopping = worker.stop();
    answer([message(7)]);
    await until(() => jobs.running.size === 1);
    jobs.finishAll();
    await stopping;

    expect(jobs.started).toBe(1);
    expect(polls).toBe(1);
  });

  it('keeps polling after a receive fails', async () => {
    const queues = fakeQueue(1);
    let failures = 0;
    const jobs = heldJobs();
    const worker = new Worker({
      queues: {
        receive: (max, signal) =>
          failures++ < 2
            ? Promise.reject(new Error('connection refused'))
            : queues.receive(max, signal),
      },
      processor: jobs,
      slots: 1,
      drainMs: 1000,
      logger: silentLogger(),
      pollRetryMs: 10,
    });
    void worker.run();

    await until(() => jobs.running.size === 1);
    jobs.finishAll();
    await worker.stop();

    expect(failures).toBeGreaterThanOrEqual(3);
  });
});
