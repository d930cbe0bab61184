import { defaultCatalogue } from '@snapshots/reports';
import {
  MemoryLedger,
  must,
  schoolRequest,
  silentLogger,
} from '../../test/fakes';
import type { BatchPlan } from '../batch-plan';
import { startBatch } from '../planner/start-batch';
import type { BatchSummary } from './batch-summary';
import { finishBatch } from './finish-batch';

async function plan(extra: Partial<BatchPlan> = {}): Promise<BatchPlan> {
  const started = await startBatch(
    { input: { reportId: 'trends', batchId: 'b1', timeoutSeconds: 90 } },
    {
      reports: defaultCatalogue,
      epochs: { dataEpoch: () => Promise.resolve('e1') },
      clock: () => 10_000,
    },
  );
  return { ...started, complete: true, jobs: 5, skipped: 2, ...extra };
}

/**
 * Five jobs: two READY, one FAILED, one RENDERING whose worker died (its
 * lease ran out), one PENDING.
 */
async function ledger(): Promise<MemoryLedger> {
  const memory = new MemoryLedger();
  // The batch finishes at 70 s.
  memory.now = 70_000;
  const statuses = ['READY', 'READY', 'FAILED', 'RENDERING', 'PENDING'];
  for (const [i, status] of statuses.entries()) {
    const { record } = await memory.ensure({
      snapshotId: `snp_${i}`,
      reportId: 'trends',
      request: schoolRequest('trends', `s-${i}`),
      reportVersion: '1',
      dataEpoch: 'e1',
      objectKey: `k${i}`,
      batchId: 'b1',
    });
    memory.records.set(record.snapshotId, {
      ...record,
      status: status as typeof record.status,
      ...(status === 'FAILED' ? { failureReason: 'render error' } : {}),
      ...(status === 'RENDERING'
        ? { leaseOwner: 'worker-gone', leaseExpiresAt: memory.now - 1 }
        : {}),
    });
  }
  return memory;
}

/**
 * Finishes on the ledger's clock. While it waits for leases, time moves
 * on and `meanwhile` plays what the workers do.
 */
async function finish(
  p: BatchPlan,
  memory: MemoryLedger,
  meanwhile: (memory: MemoryLedger) => void = () => undefined,
) {
  const finished: BatchSummary[] = [];
  const logger = silentLogger();
  const waits: number[] = [];
  const summary = await finishBatch(p, {
    snapshots: memory,
    batches: {
      finish: (s) => {
        finished.push(s);
        return Promise.resolve();
      },
    },
    clock: () => memory.now,
    sleep: (ms) => {
      waits.push(ms);
      memory.now += ms;
      meanwhile(memory);
      return Promise.resolve();
    },
    logger,
    pageSize: 2,
  });
  return { summary, finished, logger, waits };
}

describe('finishBatch', () => {
  it('fails what is left when the batch timed out, and records why', async () => {
    const memory = await ledger();
    const timedOut = await plan();
    timedOut.progress = {
      ...timedOut.progress,
      settled: true,
      reason: 'timedOut',
    };

    const { summary, finished, logger } = await finish(timedOut, memory);

    expect(summary).toMatchObject({
      batchId: 'b1',
      status: 'TIMED_OUT',
      total: 5,
      ready: 2,
      failed: 3,
      skipped: 2,
      durationMs: 60_000,
      failuresTruncated: false,
    });
    expect(summary.failures.map((f) => [f.school, f.reason])).toEqual([
      ['s-2', 'render error'],
      ['s-3', 'batch timed out after 90 s'],
      ['s-4', 'batch timed out after 90 s'],
    ]);
    expect(memory.records.get('snp_4')?.status).toBe('FAILED');
    expect(finished).toEqual([summary]);
    expect(logger.lines.map((l) => l.message)).toContain('batch finished');
  });

  it('names the error of a failed batch on what it leaves behind', async () => {
    const memory = await ledger();
    const failed = await plan({
      error: {
        Error: 'EnqueueError',
        Cause: JSON.stringify({
          errorMessage: '3 job(s) could not be enqueued',
        }),
      },
    });

    const { summary } = await finish(failed, memory);

    expect(summary.status).toBe('FAILED');
    expect(summary.error).toBe('EnqueueError: 3 job(s) could not be enqueued');
    expect(memory.records.get('snp_3')?.failureReason).toBe(
      'batch failed: EnqueueError: 3 job(s) could not be enqueued',
    );
  });

  it('keeps a picture that turned READY after the index was read', async () => {
    const memory = await ledger();
    const stalled = await plan();
    stalled.progress = {
      ...stalled.progress,
      settled: true,
      reason: 'stalled',
    };
    const readFromIndex = memory.listByBatch.bind(memory);
    jest.spyOn(memory, 'listByBatch').mockImplementation(async (id, page) => {
      const result = await readFromIndex(id, page);
      memory.settle('b1', 'READY');
      return result;
    });

    const { summary } = await finish(stalled, memory);

    expect(summary).toMatchObject({ status: 'SUCCEEDED', ready: 5, failed: 0 });
  });

  it('counts an ended batch as it is', async () => {
    const memory = await ledger();
    memory.settle('b1', 'READY');

    const { summary } = await finish(await plan(), memory);

    expect(summary).toMatchObject({
      status: 'SUCCEEDED',
      total: 5,
      ready: 5,
      failed: 0,
      failures: [],
    });
  });

  it('waits for a live lease and keeps the picture its worker stores', async () => {
    const memory = await ledger();
    hold(memory, 'snp_3', memory.now + 20_000);

    // Its worker stores the picture while the batch waits.
    const { summary, waits } = await finish(await plan(), memory, (m) => {
      const {
        leaseOwner: _o,
        leaseExpiresAt: _e,
        ...rest
      } = must(m.records.get('snp_3'));
      m.records.set('snp_3', { ...rest, status: 'READY' });
    });

    expect(waits).toEqual([21_000]);
    expect(memory.records.get('snp_3')?.status).toBe('READY');
    expect(summary).toMatchObject({ total: 5, ready: 3, failed: 2 });
  });

  it("fails a held job once its dead worker's lease ran out", async () => {
    const memory = await ledger();
    hold(memory, 'snp_3', memory.now + 45_000);

    const { summary, waits } = await finish(await plan(), memory);

    expect(waits).toEqual([46_000]);
    expect(memory.records.get('snp_3')).toMatchObject({
      status: 'FAILED',
      failureReason: 'job left the queue without ending (dead-letter queue)',
    });
    expect(summary).toMatchObject({ total: 5, ready: 2, failed: 3 });
  });

  it('leaves a job to a worker that keeps its lease past the wait', async () => {
    const memory = await ledger();
    hold(memory, 'snp_3', memory.now + 60_000);

    const { summary, waits, logger } = await finish(
      await plan(),
      memory,
      // The worker goes on extending its lease.
      (m) => hold(m, 'snp_3', m.now + 60_000),
    );

    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(180_000);
    expect(memory.records.get('snp_3')).toMatchObject({
      status: 'RENDERING',
      leaseOwner: 'worker-alive',
    });
    expect(memory.records.get('snp_4')?.status).toBe('FAILED');
    expect(summary).toMatchObject({ total: 5, ready: 2, failed: 3 });
    expect(summary.failures.map((f) => [f.school, f.reason])).toContainEqual([
      's-3',
      'still RENDERING when the batch ended',
    ]);
    expect(logger.lines.map((line) => line.message)).toContain(
      'jobs left to their workers',
    );
  });

  it('leaves a job a private request took over after the deadline', async () => {
    const memory = await ledger();
    const finishing = await plan();
    const pending = must(memory.records.get('snp_4'));
    // A private reset keeps the batch id, and writes its own deadline.
    memory.records.set('snp_4', {
      ...pending,
      attempt: 2,
      deadline: finishing.deadline + 2_520_000,
    });
    const ours = must(memory.records.get('snp_3'));
    memory.records.set('snp_3', { ...ours, deadline: finishing.deadline });

    await finish(finishing, memory);

    expect(memory.records.get('snp_4')).toMatchObject({
      status: 'PENDING',
      attempt: 2,
    });
    expect(memory.records.get('snp_3')?.status).toBe('FAILED');
  });
});

/** A worker alive on a job, its lease running until `until`. */
function hold(memory: MemoryLedger, snapshotId: string, until: number) {
  const record = must(memory.records.get(snapshotId));
  memory.records.set(snapshotId, {
    ...record,
    status: 'RENDERING',
    leaseOwner: 'worker-alive',
    leaseExpiresAt: until,
  });
}
