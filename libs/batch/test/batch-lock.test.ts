import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import { createTables, SnapshotStore } from '@snapshots/snapshot-metadata';
import { BatchAlreadyRunningError, DynamoBatchLock } from '../src';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
let clients: AwsClients;
let now = 1_000_000;
let lock: DynamoBatchLock;

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  lock = new DynamoBatchLock(clients.dynamodb, tables.snapshots, () => now);
});

afterAll(() => {
  if (clients) destroyClients(clients);
});

const holding = (batchId: string, staleAt = now + 60_000) => ({
  batchId,
  reportId: 'campus-overview',
  staleAt,
});

describe('the batch lock on the local stack', () => {
  afterEach(async () => {
    const holder = await lock.holder();
    if (holder) await lock.release(holder.batchId);
  });

  it('lets exactly one of ten batches started together take it', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `together-${i}`);

    const outcomes = await Promise.allSettled(
      ids.map((id) => lock.take(holding(id))),
    );

    const taken = ids.filter((_, i) => outcomes[i]?.status === 'fulfilled');
    expect(taken).toHaveLength(1);
    const holder = await lock.holder();
    expect(holder?.batchId).toBe(taken[0]);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      expect(outcome.reason).toBeInstanceOf(BatchAlreadyRunningError);
      expect((outcome.reason as Error).message).toContain(
        `batch ${taken[0]} (report campus-overview) is still running`,
      );
    }
  });

  it('is kept by its holder on a retried start', async () => {
    await lock.take(holding('retried'));

    await expect(lock.take(holding('retried'))).resolves.toEqual({});
    expect((await lock.holder())?.batchId).toBe('retried');
  });

  it('is released by its holder only', async () => {
    await lock.take(holding('holder'));

    expect(await lock.release('someone-else')).toBe(false);
    expect((await lock.holder())?.batchId).toBe('holder');
    expect(await lock.release('holder')).toBe(true);
    expect(await lock.holder()).toBeUndefined();
  });

  it('is taken over once its holder has gone stale, not before', async () => {
    await lock.take(holding('died', now + 5_000));

    now += 5_000;
    await expect(lock.take(holding('too-early'))).rejects.toThrow(
      BatchAlreadyRunningError,
    );
    now += 1;
    const { tookOver } = await lock.take(holding('next'));

    expect(tookOver).toMatchObject({ batchId: 'died' });
    expect(await lock.release('died')).toBe(false);
    expect((await lock.holder())?.batchId).toBe('next');
  });

  it('stays out of the batch and report indexes', async () => {
    await lock.take(holding('indexed'));
    const store = new SnapshotStore({
      client: clients.dynamodb,
      tableName: tables.snapshots,
    });

    const counts = await store.countByBatch('indexed');
    const listed = await store.listByReport('campus-overview');

    expect(counts).toEqual({ PENDING: 0, RENDERING: 0, READY: 0, FAILED: 0 });
    expect(listed.records).toEqual([]);
  });
});
