import { defaultCatalogue } from '@snapshots/reports';
import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import {
  campusDirectory,
  campusRows,
  campusSource,
  MemoryLedger,
  must,
  silentLogger,
} from '../../test/fakes';
import type { BatchPlan } from '../batch-plan';
import type { CampusDirectory, CampusSource } from '../ports';
import { planPage } from './plan-page';
import { startBatch } from './start-batch';

interface World {
  source: ReturnType<typeof campusSource>;
  directory: CampusDirectory;
  ledger: MemoryLedger;
  sent: SnapshotJob[];
}

function world(
  campuses = campusRows(12),
  reports: Record<string, string[]> = {},
): World {
  return {
    source: campusSource(campuses),
    directory: campusDirectory(reports),
    ledger: new MemoryLedger(),
    sent: [],
  };
}

async function plan(
  w: World,
  input: Record<string, unknown>,
): Promise<BatchPlan> {
  return startBatch(
    { input: { pageSize: 5, ...input } },
    { reports: defaultCatalogue, epochs: w.source, clock: () => 1_000 },
  );
}

function dependencies(w: World, source: CampusSource = w.source) {
  return {
    campuses: source,
    directory: w.directory,
    snapshots: w.ledger,
    enqueue: (jobs: SnapshotJob[]) => {
      w.sent.push(...jobs);
      return Promise.resolve();
    },
    clock: () => 2_000,
    logger: silentLogger(),
  };
}

async function planAll(w: World, start: BatchPlan): Promise<BatchPlan> {
  let current = start;
  while (!current.complete) current = await planPage(current, dependencies(w));
  return current;
}

describe('planPage', () => {
  it('walks every campus page by page and enqueues one job per campus', async () => {
    const w = world();
    const start = await plan(w, { reportId: 'campus-overview', batchId: 'b1' });

    const first = await planPage(start, dependencies(w));
    const done = await planAll(w, first);

    expect(first).toMatchObject({
      cursor: 's-00005',
      complete: false,
      jobs: 5,
    });
    expect(done).toMatchObject({
      pages: 3,
      campuses: 12,
      jobs: 12,
      skipped: 0,
    });
    expect(w.sent.map((job) => job.request.school)).toEqual(
      campusRows(12).map((c) => c.schoolId),
    );
    expect(new Set(w.sent.map((job) => job.snapshotId)).size).toBe(12);
    expect(w.sent[0]).toMatchObject({
      reportId: 'campus-overview',
      batchId: 'b1',
      attempt: 1,
      reportVersion: '1',
      dataEpoch: w.source.epoch,
      request: { school: 's-00001', region: null, filters: {}, format: 'png' },
    });
    const record = w.ledger.records.get(must(w.sent[0]).snapshotId);
    expect(record).toMatchObject({ status: 'PENDING', batchId: 'b1' });
  });

  it('ends after a full last page with one empty read', async () => {
    const w = world(campusRows(10));
    const done = await planAll(
      w,
      await plan(w, { reportId: 'campus-overview' }),
    );

    expect(done).toMatchObject({ pages: 3, campuses: 10, jobs: 10 });
  });

  it('skips snapshots already READY and resets FAILED ones', async () => {
    const w = world(campusRows(6));
    await planAll(w, await plan(w, { reportId: 'trends', batchId: 'b1' }));
    const first = must(w.sent[0]);
    const second = must(w.sent[1]);
    w.ledger.settle('b1', 'READY');
    w.ledger.records.set(second.snapshotId, {
      ...must(w.ledger.records.get(second.snapshotId)),
      status: 'FAILED',
    });
    w.sent.length = 0;

    const again = await planAll(
      w,
      await plan(w, { reportId: 'trends', batchId: 'b2' }),
    );

    expect(again).toMatchObject({ jobs: 1, skipped: 5 });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({
      snapshotId: second.snapshotId,
      batchId: 'b2',
      attempt: 2,
    });
    expect(w.ledger.records.get(first.snapshotId)?.batchId).toBe('b1');
  });

  it('leaves alone a snapshot in flight for another batch', async () => {
    const w = world(campusRows(3));
    await planAll(w, await plan(w, { reportId: 'trends', batchId: 'b1' }));
    w.sent.length = 0;

    const other = await planAll(
      w,
      await plan(w, { reportId: 'trends', batchId: 'b2' }),
    );

    expect(other).toMatchObject({ jobs: 0, skipped: 3 });
    expect(w.sent).toHaveLength(0);
  });

  it('enqueues again what a failed try of the same page wrote', async () => {
    const w = world(campusRows(5));
    const start = await plan(w, { reportId: 'trends', batchId: 'b1' });
    const failing = {
      ...dependencies(w),
      enqueue: () => Promise.reject(new Error('queue down')),
    };

    await expect(planPage(start, failing)).rejects.toThrow('queue down');
    const retried = await planPage(start, dependencies(w));

    expect(retried).toMatchObject({ jobs: 5, skipped: 0 });
    expect(w.sent).toHaveLength(5);
  });

  it('plans a region report once per region across pages', async () => {
    const w = world(campusRows(12, 4));
    const done = await planAll(
      w,
      await plan(w, { reportId: 'region-summary', batchId: 'b1' }),
    );

    expect(w.sent.map((job) => job.request.region)).toEqual([
      'r-001',
      'r-002',
      'r-003',
    ]);
    expect(w.sent.every((job) => job.request.school === null)).toBe(true);
    expect(done).toMatchObject({
      jobs: 3,
      regionsPlanned: ['r-001', 'r-002', 'r-003'],
    });
  });

  it('keeps the campuses whose metadata lists the report', async () => {
    const w = world(campusRows(4), {
      's-00001': ['campus-overview'],
      's-00002': ['trends'],
      's-00003': [],
    });

    await planAll(w, await plan(w, { reportId: 'trends' }));

    // s-00004 has no metadata, so it gets every public report.
    expect(w.sent.map((job) => job.request.school)).toEqual([
      's-00002',
      's-00004',
    ]);
  });

  it('plans only the subset asked for, by id, and drops unknown ids', async () => {
    const w = world(campusRows(40));
    const listed = jest.spyOn(w.source, 'listCampuses');
    const schools = ['s-00033', 's-00002', 's-00007', 's-09999', 's-00011'];
    const start = await plan(w, { reportId: 'trends', schools, pageSize: 2 });

    const done = await planAll(w, start);

    expect(listed).not.toHaveBeenCalled();
    expect(w.sent.map((job) => job.request.school)).toEqual([
      's-00002',
      's-00007',
      's-00011',
      's-00033',
    ]);
    expect(done).toMatchObject({ pages: 3, campuses: 4, jobs: 4 });
  });
});
