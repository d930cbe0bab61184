import { defaultCatalogue } from '@snapshots/reports';
import {
  MemoryLedger,
  must,
  schoolRequest,
  silentLogger,
} from '../../test/fakes';
import type { BatchPlan } from '../batch-plan';
import { startBatch } from '../planner/start-batch';
import { trackBatch } from './track-batch';

async function runningPlan(jobs: number): Promise<BatchPlan> {
  const plan = await startBatch(
    {
      input: {
        reportId: 'trends',
        batchId: 'b1',
        timeoutSeconds: 60,
        stallChecks: 3,
      },
    },
    {
      reports: defaultCatalogue,
      epochs: { dataEpoch: () => Promise.resolve('e1') },
      clock: () => 0,
    },
  );
  return { ...plan, jobs, complete: true };
}

async function ledgerWith(jobs: number): Promise<MemoryLedger> {
  const ledger = new MemoryLedger();
  for (let i = 0; i < jobs; i++) {
    await ledger.ensure({
      snapshotId: `snp_${i}`,
      reportId: 'trends',
      request: schoolRequest('trends', `s-${i}`),
      reportVersion: '1',
      dataEpoch: 'e1',
      objectKey: `k${i}`,
      batchId: 'b1',
    });
  }
  return ledger;
}

function look(
  plan: BatchPlan,
  ledger: MemoryLedger,
  options: { depth?: number; now?: number } = {},
) {
  return trackBatch(plan, {
    snapshots: ledger,
    queueDepth: () => Promise.resolve(options.depth ?? 0),
    clock: () => options.now ?? 1_000,
    logger: silentLogger(),
  });
}

describe('trackBatch', () => {
  it('keeps waiting while jobs are on the queue', async () => {
    const ledger = await ledgerWith(4);

    const progress = await look(await runningPlan(4), ledger, { depth: 4 });

    expect(progress).toMatchObject({
      settled: false,
      reason: 'running',
      counts: { PENDING: 4, RENDERING: 0, READY: 0, FAILED: 0 },
      queueDepth: 4,
      idleChecks: 0,
    });
  });

  it('settles once every job is READY or FAILED', async () => {
    const ledger = await ledgerWith(4);
    ledger.settle('b1', 'READY');
    ledger.records.set('snp_0', {
      ...must(ledger.records.get('snp_0')),
      status: 'FAILED',
    });

    const progress = await look(await runningPlan(4), ledger);

    expect(progress).toMatchObject({
      settled: true,
      reason: 'ended',
      counts: { READY: 3, FAILED: 1 },
    });
  });

  it('does not take an index that lags behind for the end', async () => {
    const ledger = await ledgerWith(2);
    ledger.settle('b1', 'READY');

    const progress = await look(await runningPlan(5), ledger);

    expect(progress.settled).toBe(false);
  });

  it('gives up at the deadline', async () => {
    const ledger = await ledgerWith(2);

    const progress = await look(await runningPlan(2), ledger, {
      depth: 2,
      now: 60_000,
    });

    expect(progress).toMatchObject({ settled: true, reason: 'timedOut' });
  });

  it('calls jobs lost after the queue stayed empty check after check', async () => {
    const ledger = await ledgerWith(3);
    let plan = await runningPlan(3);
    const reasons: string[] = [];

    for (let check = 0; check < 3; check++) {
      plan = { ...plan, progress: await look(plan, ledger) };
      reasons.push(plan.progress.reason);
    }

    expect(reasons).toEqual(['running', 'running', 'stalled']);
    expect(plan.progress.idleChecks).toBe(3);
  });

  it('starts counting idle checks again when the queue fills', async () => {
    const ledger = await ledgerWith(3);
    let plan = await runningPlan(3);

    plan = { ...plan, progress: await look(plan, ledger) };
    plan = { ...plan, progress: await look(plan, ledger, { depth: 1 }) };

    expect(plan.progress.idleChecks).toBe(0);
  });
});
