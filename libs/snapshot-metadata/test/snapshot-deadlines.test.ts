import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import {
  AlreadyReadyError,
  AttemptSupersededError,
  InvalidTransitionError,
  LeaseHeldError,
  MetadataError,
  SnapshotStore,
  createTables,
  type EnsureInput,
} from '../src';
import { aSnapshot, manualClock } from './fixtures';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
const leaseMs = 60_000;
const workMs = 300_000;
let clients: AwsClients;
let clock: ReturnType<typeof manualClock>;
let store: SnapshotStore;
let school = 0;
// Each test works on schools no other test uses.
const nextSnapshot = (batchId?: string): EnsureInput =>
  aSnapshot(`d-${String(++school).padStart(5, '0')}`, batchId);
/** Ensures as a starter does: the work may take `workMs` from now. */
const start = (snapshot: EnsureInput) =>
  store.ensure({ ...snapshot, deadline: clock.now() + workMs });

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
  });
});

const stored = (snapshotId: string) =>
  store.get(snapshotId, { consistent: true });

describe('the deadline of unfinished work', () => {
  it('is written on creation and on reset, and dropped when the work ends', async () => {
    const snapshot = nextSnapshot();

    const created = await start(snapshot);
    await store.markAttemptFailed(snapshot.snapshotId, 1, 'boom');
    const failed = await stored(snapshot.snapshotId);
    clock.advance(1000);
    const reset = await start(snapshot);

    expect(created.record.deadline).toBe(clock.now() - 1000 + workMs);
    expect(failed?.deadline).toBeUndefined();
    expect(reset.record).toMatchObject({
      attempt: 2,
      deadline: clock.now() + workMs,
    });
  });

  it('lets a PENDING snapshot within its deadline be joined', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);

    clock.advance(workMs - 1);
    const again = await start(snapshot);

    expect(again.outcome).toBe('joined');
    expect(again.record).toMatchObject({ status: 'PENDING', attempt: 1 });
  });

  it('resets a PENDING snapshot past its deadline once for 50 concurrent callers', async () => {
    const snapshot = nextSnapshot('b-killed');
    await start(snapshot);

    clock.advance(workMs);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        start({ ...snapshot, batchId: 'b-next' }),
      ),
    );

    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((o) => o === 'reset')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(49);
    expect(await stored(snapshot.snapshotId)).toMatchObject({
      status: 'PENDING',
      attempt: 2,
      batchId: 'b-next',
      deadline: clock.now() + workMs,
    });
  });

  it('does not let a live lease be taken over past the deadline', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);
    clock.advance(workMs - 1000);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(leaseMs - 1);
    const live = await start(snapshot);

    expect(live.outcome).toBe('joined');
    expect(live.record).toMatchObject({
      status: 'RENDERING',
      leaseOwner: 'worker-a',
    });
  });

  it('is refused when it is not an epoch ms integer', async () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        store.ensure({ ...nextSnapshot(), deadline: bad }),
      ).rejects.toBeInstanceOf(MetadataError);
    }
  });
});

describe('SnapshotStore.abandon', () => {
  it('ends a PENDING snapshot past its deadline FAILED, not before', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);

    clock.advance(workMs - 1);
    const early = await store.abandon(snapshot.snapshotId, 'nobody came');
    const judgedEarly = store.isAbandoned(early.record);
    clock.advance(1);
    const late = await store.abandon(snapshot.snapshotId, 'nobody came');

    expect(early.abandoned).toBe(false);
    expect(early.record).toMatchObject({ status: 'PENDING', attempt: 1 });
    expect(judgedEarly).toBe(false);
    expect(late.abandoned).toBe(true);
    expect(late.record).toMatchObject({
      status: 'FAILED',
      failureReason: 'nobody came',
      attempt: 1,
      updatedAt: clock.now(),
    });
    expect(late.record.deadline).toBeUndefined();
  });

  it('ends RENDERING work whose lease and deadline both ran out', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(workMs);
    const current = await stored(snapshot.snapshotId);
    const judged = current ? store.isAbandoned(current) : undefined;
    const ended = await store.abandon(snapshot.snapshotId, 'worker lost');

    expect(judged).toBe(true);
    expect(ended.abandoned).toBe(true);
    expect(ended.record).toMatchObject({ status: 'FAILED' });
    expect(ended.record.leaseOwner).toBeUndefined();
  });

  it('refuses work under a live lease, even past its deadline', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);
    clock.advance(workMs);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    clock.advance(leaseMs - 1);
    const refused = await store.abandon(snapshot.snapshotId, 'too slow');

    expect(refused.abandoned).toBe(false);
    expect(store.isAbandoned(refused.record)).toBe(false);
    expect(refused.record).toMatchObject({
      status: 'RENDERING',
      leaseOwner: 'worker-a',
    });
  });

  it('leaves ended work as it is', async () => {
    const ready = nextSnapshot();
    await start(ready);
    await store.claim(ready.snapshotId, 'w', leaseMs);
    await store.markReady(ready.snapshotId, 'w', {
      objectKey: ready.objectKey,
      sizeBytes: 1,
      contentType: 'image/png',
      renderMs: 1,
    });
    const failed = nextSnapshot();
    await start(failed);
    await store.claim(failed.snapshotId, 'w', leaseMs);
    await store.markFailed(failed.snapshotId, 'the worker said why', 'w');

    clock.advance(workMs);
    const readyAfter = await store.abandon(ready.snapshotId, 'late');
    const failedAfter = await store.abandon(failed.snapshotId, 'late');

    expect(readyAfter).toMatchObject({
      abandoned: false,
      record: { status: 'READY' },
    });
    expect(failedAfter).toMatchObject({
      abandoned: false,
      record: { status: 'FAILED', failureReason: 'the worker said why' },
    });
  });

  it('never fails the attempt of a reset it races with', async () => {
    const snapshots = Array.from({ length: 10 }, () => nextSnapshot());
    for (const snapshot of snapshots) await start(snapshot);
    clock.advance(workMs);

    await Promise.all(
      snapshots.flatMap((snapshot) => [
        store.abandon(snapshot.snapshotId, 'stale'),
        start(snapshot),
      ]),
    );

    // Either the reset came first and the abandon was refused, or the
    // abandon ended attempt 1 and the reset started attempt 2 over it.
    for (const snapshot of snapshots) {
      expect(await stored(snapshot.snapshotId)).toMatchObject({
        status: 'PENDING',
        attempt: 2,
      });
    }
  });
});

describe('records without a deadline, as written before it existed', () => {
  it('are joined and never abandoned, however old', async () => {
    const legacy = nextSnapshot();
    await store.ensure(legacy);

    clock.advance(365 * 86_400_000);
    const again = await start(legacy);
    const abandon = await store.abandon(legacy.snapshotId, 'old');

    expect(again.outcome).toBe('joined');
    expect(abandon.abandoned).toBe(false);
    expect(abandon.record).toMatchObject({ status: 'PENDING', attempt: 1 });
    expect(abandon.record.deadline).toBeUndefined();
  });

  it('are written by a reset that names no deadline', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);

    clock.advance(workMs);
    const reset = await store.ensure(snapshot);

    expect(reset.outcome).toBe('reset');
    expect(reset.record.deadline).toBeUndefined();
  });
});

describe('SnapshotStore.markAttemptFailed', () => {
  it('refuses an attempt that a request has started over', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);
    await store.markFailed(snapshot.snapshotId, 'render error', 'worker-a');
    const restarted = await start(snapshot);

    // The orchestration of attempt 1 catches up late.
    const late = store.markAttemptFailed(snapshot.snapshotId, 1, 'timeout');

    expect(restarted.record.attempt).toBe(2);
    await expect(late).rejects.toBeInstanceOf(AttemptSupersededError);
    await expect(late).rejects.toMatchObject({ currentAttempt: 2 });
    expect(await stored(snapshot.snapshotId)).toMatchObject({
      status: 'PENDING',
      attempt: 2,
    });
  });

  it('refuses while a worker holds a live lease, and fails it once the lease ran out', async () => {
    const snapshot = nextSnapshot();
    await start(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    const live = store.markAttemptFailed(snapshot.snapshotId, 1, 'timeout');
    await expect(live).rejects.toBeInstanceOf(LeaseHeldError);
    clock.advance(leaseMs);
    const lost = await store.markAttemptFailed(
      snapshot.snapshotId,
      1,
      'worker lost',
    );

    expect(lost).toMatchObject({
      status: 'FAILED',
      failureReason: 'worker lost',
      attempt: 1,
    });
    expect(lost.leaseOwner).toBeUndefined();
  });

  it("keeps a FAILED snapshot's own reason and a READY one's picture", async () => {
    const failed = nextSnapshot();
    await start(failed);
    await store.claim(failed.snapshotId, 'w', leaseMs);
    await store.markFailed(failed.snapshotId, 'blank page', 'w');
    const ready = nextSnapshot();
    await start(ready);
    await store.claim(ready.snapshotId, 'w', leaseMs);
    await store.markReady(ready.snapshotId, 'w', {
      objectKey: ready.objectKey,
      sizeBytes: 1,
      contentType: 'image/png',
      renderMs: 1,
    });

    await expect(
      store.markAttemptFailed(failed.snapshotId, 1, 'timeout'),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(
      store.markAttemptFailed(ready.snapshotId, 1, 'timeout'),
    ).rejects.toBeInstanceOf(AlreadyReadyError);
    expect(await stored(failed.snapshotId)).toMatchObject({
      failureReason: 'blank page',
    });
    expect((await stored(ready.snapshotId))?.status).toBe('READY');
  });
});
