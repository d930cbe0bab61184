import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import {
  AlreadyReadyError,
  InvalidPageError,
  InvalidTransitionError,
  LeaseHeldError,
  NotLeaseHolderError,
  SnapshotNotFoundError,
  SnapshotStore,
  createTables,
} from '../src';
import { aSnapshot, manualClock } from './fixtures';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
const leaseMs = 60_000;
const rendered = {
  objectKey: 'snapshots/x.png',
  sizeBytes: 1234,
  contentType: 'image/png',
  renderMs: 800,
};
let clients: AwsClients;
let clock: ReturnType<typeof manualClock>;
let store: SnapshotStore;
let school = 0;
// Each test works on schools no other test uses.
const nextSnapshot = (batchId?: string, reportId?: string) =>
  aSnapshot(`s-${String(++school).padStart(5, '0')}`, batchId, reportId);

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
});
afterAll(() => destroyClients(clients));

beforeEach(() => {
  clock = manualClock();
  store = new SnapshotStore({
    client: clients.dynamodb,
    tableName: tables.snapshots,
    clock: clock.now,
    retentionDays: 7,
  });
});

describe('SnapshotStore.ensure', () => {
  it('creates PENDING work once, then joins it', async () => {
    const snapshot = nextSnapshot('b-1');

    const first = await store.ensure(snapshot);
    const second = await store.ensure(snapshot);

    expect(first.outcome).toBe('created');
    expect(first.record).toMatchObject({
      ...snapshot,
      status: 'PENDING',
      attempt: 1,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect(second).toEqual({ record: first.record, outcome: 'joined' });
  });

  it('creates exactly one piece of work for 100 concurrent callers', async () => {
    const snapshot = nextSnapshot();

    const results = await Promise.all(
      Array.from({ length: 100 }, () => store.ensure(snapshot)),
    );

    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(99);
    const stored = await store.get(snapshot.snapshotId, { consistent: true });
    expect(stored).toMatchObject({ status: 'PENDING', attempt: 1 });
  });

  it('resets a FAILED snapshot once for 50 concurrent callers', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.markAttemptFailed(snapshot.snapshotId, 1, 'report errored');

    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.ensure(snapshot)),
    );

    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((o) => o === 'reset')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(49);
    const stored = await store.get(snapshot.snapshotId, { consistent: true });
    expect(stored).toMatchObject({ status: 'PENDING', attempt: 2 });
    expect(stored?.failureReason).toBeUndefined();
  });

  it('resets RENDERING work whose lease ran out, not before', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(leaseMs - 1);
    const early = await store.ensure(snapshot);
    clock.advance(1);
    const late = await store.ensure(snapshot);

    expect(early.outcome).toBe('joined');
    expect(late.outcome).toBe('reset');
    expect(late.record).toMatchObject({ status: 'PENDING', attempt: 2 });
    expect(late.record.leaseOwner).toBeUndefined();
    await expect(
      store.markReady(snapshot.snapshotId, 'worker-a', rendered),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('answers ready for a READY snapshot and moves it to the new batch on reset', async () => {
    const ready = nextSnapshot('b-1');
    await store.ensure(ready);
    await store.claim(ready.snapshotId, 'w', leaseMs);
    await store.markReady(ready.snapshotId, 'w', rendered);
    const failed = nextSnapshot('b-1');
    await store.ensure(failed);
    await store.markAttemptFailed(failed.snapshotId, 1, 'boom');

    const again = await store.ensure({ ...ready, batchId: 'b-2' });
    const reset = await store.ensure({ ...failed, batchId: 'b-2' });

    expect(again.outcome).toBe('ready');
    expect(again.record).toMatchObject({ status: 'READY', batchId: 'b-1' });
    expect(reset.record).toMatchObject({ status: 'PENDING', batchId: 'b-2' });
  });
});

describe('SnapshotStore leases', () => {
  it('lets one worker claim and refuses a second', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    const claimed = await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);
    const second = store.claim(snapshot.snapshotId, 'worker-b', leaseMs);

    expect(claimed).toMatchObject({
      status: 'RENDERING',
      leaseOwner: 'worker-a',
      leaseExpiresAt: clock.now() + leaseMs,
      attempt: 1,
    });
    await expect(second).rejects.toBeInstanceOf(LeaseHeldError);
    await expect(second).rejects.toMatchObject({ holder: 'worker-a' });
  });

  it('gives the lease to exactly one of 20 concurrent claimers', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.claim(snapshot.snapshotId, `worker-${i}`, leaseMs),
      ),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof LeaseHeldError,
    );
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
  });

  it('hands an expired lease to the next claimer and locks out the old one', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(leaseMs);
    const taken = await store.claim(snapshot.snapshotId, 'worker-b', leaseMs);

    expect(taken).toMatchObject({ leaseOwner: 'worker-b', attempt: 2 });
    await expect(
      store.extendLease(snapshot.snapshotId, 'worker-a', leaseMs),
    ).rejects.toBeInstanceOf(NotLeaseHolderError);
    await expect(
      store.markReady(snapshot.snapshotId, 'worker-a', rendered),
    ).rejects.toBeInstanceOf(NotLeaseHolderError);
    await expect(
      store.markFailed(snapshot.snapshotId, 'late', 'worker-a'),
    ).rejects.toBeInstanceOf(NotLeaseHolderError);
  });

  it('extends a lease so that it does not run out', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(leaseMs - 1000);
    await store.extendLease(snapshot.snapshotId, 'worker-a', leaseMs);
    clock.advance(2000);

    await expect(
      store.claim(snapshot.snapshotId, 'worker-b', leaseMs),
    ).rejects.toBeInstanceOf(LeaseHeldError);
    const stored = await store.get(snapshot.snapshotId, { consistent: true });
    expect(stored?.leaseExpiresAt).toBe(clock.now() - 2000 + leaseMs);
  });

  it('releases work back to PENDING for the next worker', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    await expect(
      store.release(snapshot.snapshotId, 'worker-b'),
    ).rejects.toBeInstanceOf(NotLeaseHolderError);
    await store.release(snapshot.snapshotId, 'worker-a');
    const reclaimed = await store.claim(snapshot.snapshotId, 'worker-b', 5);

    expect(reclaimed).toMatchObject({ leaseOwner: 'worker-b', attempt: 1 });
    await store.release(snapshot.snapshotId, 'worker-b');
    await expect(
      store.release(snapshot.snapshotId, 'worker-b'),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('refuses a lease that is not a positive number of ms', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    await expect(
      store.claim(snapshot.snapshotId, 'worker-a', 0),
    ).rejects.toThrow(/positive/);
  });
});

describe('SnapshotStore endings', () => {
  it('marks READY with what was stored, then refuses every change', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);
    clock.advance(800);

    const ready = await store.markReady(snapshot.snapshotId, 'worker-a', {
      ...rendered,
      objectKey: snapshot.objectKey,
    });

    expect(ready).toMatchObject({
      status: 'READY',
      objectKey: snapshot.objectKey,
      sizeBytes: 1234,
      contentType: 'image/png',
      renderMs: 800,
      updatedAt: clock.now(),
    });
    expect(ready.leaseOwner).toBeUndefined();
    for (const change of [
      () => store.claim(snapshot.snapshotId, 'worker-b', leaseMs),
      () => store.markReady(snapshot.snapshotId, 'worker-a', rendered),
      () => store.markAttemptFailed(snapshot.snapshotId, 1, 'late'),
      () => store.release(snapshot.snapshotId, 'worker-a'),
    ]) {
      await expect(change()).rejects.toBeInstanceOf(AlreadyReadyError);
    }
  });

  it('marks FAILED by the holder, or by the starter of an unclaimed attempt', async () => {
    const held = nextSnapshot();
    await store.ensure(held);
    await store.claim(held.snapshotId, 'worker-a', leaseMs);
    const pending = nextSnapshot();
    await store.ensure(pending);

    const byHolder = await store.markFailed(
      held.snapshotId,
      'x'.repeat(5000),
      'worker-a',
    );
    const byOrchestration = await store.markAttemptFailed(
      pending.snapshotId,
      1,
      'worker lost',
    );

    expect(byHolder.status).toBe('FAILED');
    expect(byHolder.failureReason).toHaveLength(1000);
    expect(byOrchestration).toMatchObject({
      status: 'FAILED',
      failureReason: 'worker lost',
    });
    await expect(
      store.markFailed(pending.snapshotId, 'again', 'worker-a'),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(
      store.claim(pending.snapshotId, 'worker-a', leaseMs),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('says when a snapshot does not exist', async () => {
    const missing = nextSnapshot().snapshotId;

    await expect(store.get(missing)).resolves.toBeUndefined();
    await expect(store.claim(missing, 'w', leaseMs)).rejects.toBeInstanceOf(
      SnapshotNotFoundError,
    );
    await expect(
      store.markAttemptFailed(missing, 1, 'x'),
    ).rejects.toBeInstanceOf(SnapshotNotFoundError);
    await expect(
      store.markReady(missing, 'w', rendered),
    ).rejects.toBeInstanceOf(SnapshotNotFoundError);
  });

  it('stamps the TTL attribute in epoch seconds', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    const { Item } = await DynamoDBDocumentClient.from(clients.dynamodb).send(
      new GetCommand({
        TableName: tables.snapshots,
        Key: { snapshotId: snapshot.snapshotId },
      }),
    );

    expect(Item?.expiresAt).toBe(
      Math.floor((clock.now() + 7 * 86_400_000) / 1000),
    );
  });
});

describe('SnapshotStore listings', () => {
  it('counts and pages through the snapshots of a batch', async () => {
    const snapshots = Array.from({ length: 7 }, () => nextSnapshot('b-list'));
    for (const snapshot of snapshots) await store.ensure(snapshot);
    const [first, second, third] = snapshots;
    if (!first || !second || !third) throw new Error('fixture');
    await store.claim(first.snapshotId, 'w', leaseMs);
    await store.claim(second.snapshotId, 'w', leaseMs);
    await store.markReady(second.snapshotId, 'w', rendered);
    await store.markAttemptFailed(third.snapshotId, 1, 'boom');

    const counts = await store.countByBatch('b-list');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listByBatch('b-list', { limit: 3, cursor });
      expect(page.records.length).toBeLessThanOrEqual(3);
      seen.push(...page.records.map((record) => record.snapshotId));
      cursor = page.cursor;
    } while (cursor);

    expect(counts).toEqual({ PENDING: 4, RENDERING: 1, READY: 1, FAILED: 1 });
    expect(seen).toEqual(snapshots.map((s) => s.snapshotId).sort());
    await expect(store.countByBatch('b-none')).resolves.toEqual({
      PENDING: 0,
      RENDERING: 0,
      READY: 0,
      FAILED: 0,
    });
  });

  it('lists the snapshots of a report, most recently changed first', async () => {
    const reportStore = new SnapshotStore({
      client: clients.dynamodb,
      tableName: tables.snapshots,
      clock: clock.now,
    });
    // Only this test writes trends snapshots.
    const older = nextSnapshot(undefined, 'trends');
    const newer = nextSnapshot(undefined, 'trends');
    await reportStore.ensure(older);
    clock.advance(10_000_000);
    await reportStore.ensure(newer);

    const page = await reportStore.listByReport('trends', { limit: 2 });

    expect(page.records.map((record) => record.snapshotId)).toEqual([
      newer.snapshotId,
      older.snapshotId,
    ]);
    expect(page.cursor).toEqual(expect.any(String));
  });

  it('refuses a bad page size and a cursor from another listing', async () => {
    const snapshots = [nextSnapshot('b-c1'), nextSnapshot('b-c1')];
    for (const snapshot of snapshots) await store.ensure(snapshot);
    const { cursor } = await store.listByBatch('b-c1', { limit: 1 });

    await expect(
      store.listByBatch('b-c1', { limit: 0 }),
    ).rejects.toBeInstanceOf(InvalidPageError);
    await expect(
      store.listByBatch('b-other', { cursor }),
    ).rejects.toBeInstanceOf(InvalidPageError);
    await expect(
      store.listByReport('campus-overview', { cursor }),
    ).rejects.toBeInstanceOf(InvalidPageError);
    await expect(
      store.listByBatch('b-c1', { cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(InvalidPageError);
  });
});
