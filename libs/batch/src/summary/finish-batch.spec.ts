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

async function finish(p: BatchPlan, memory: MemoryLedger) {
  const finished: BatchSummary[] = [];
  const logger = silentLogger();
  const summary = await finishBatch(p, {
    snapshots: memory,
    batches: {
      finish: (s) => {
        finished.push(s);
        return Promise.resolve();
      },
    },
    clock: () => 70_000,
    logger,
    pageSize: 2,
  });
  return { summary, finished, logger };
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

  it('leaves a job under a live lease to its worker', async () => {
    const memory = await ledger();
    const rendering = must(memory.records.get('snp_3'));
    memory.records.set('snp_3', {
      ...rendering,
      leaseOwner: 'worker-alive',
      leaseExpiresAt: memory.now + 60_000,
    });

    const { summary } = await finish(await plan(), memory);

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
