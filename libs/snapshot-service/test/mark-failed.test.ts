import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import {
  createTables,
  SnapshotStore,
  type EnsureInput,
} from '@snapshots/snapshot-metadata';
import { createMarkFailedHandler } from '../src';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
const leaseMs = 60_000;
const timedOut = { Error: 'States.Timeout', Cause: '' };
let clients: AwsClients;
let store: SnapshotStore;
let markFailed: (event: unknown) => Promise<unknown>;
let school = 0;

/** A private snapshot no other test uses, as the API ensures it. */
function nextSnapshot(): EnsureInput {
  const request = parseSnapshotRequest({
    reportId: 'campus-overview',
    school: `s-${String(++school).padStart(5, '0')}`,
  });
  const identity = snapshotIdentity(request, {
    version: '1',
    dataEpoch: 'epoch-1',
  });
  return {
    snapshotId: identity.snapshotId,
    reportId: request.reportId,
    request,
    reportVersion: '1',
    dataEpoch: 'epoch-1',
    objectKey: identity.objectKey,
    deadline: Date.now() + 2_520_000,
  };
}

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  store = new SnapshotStore({
    client: clients.dynamodb,
    tableName: tables.snapshots,
  });
  markFailed = createMarkFailedHandler({ store });
});
afterAll(() => destroyClients(clients));

const stored = (snapshotId: string) =>
  store.get(snapshotId, { consistent: true });

describe('mark-failed, the last Catch of a private render', () => {
  it('ends its own attempt FAILED with the reason caught', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    const outcome = await markFailed({
      snapshotId: snapshot.snapshotId,
      attempt: 1,
      failure: timedOut,
    });

    expect(outcome).toEqual({
      snapshotId: snapshot.snapshotId,
      status: 'FAILED',
      reason: 'no worker finished the render in time',
      changed: true,
    });
  });

  it('does not fail the attempt a newer request started after the read', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);
    await store.markFailed(snapshot.snapshotId, 'blank page', 'worker-a');
    // A caller asks again: attempt 2 starts while attempt 1's execution
    // is still on its way to this Catch.
    await store.ensure(snapshot);

    const outcome = await markFailed({
      snapshotId: snapshot.snapshotId,
      attempt: 1,
      failure: timedOut,
    });

    expect(outcome).toMatchObject({ status: 'PENDING', changed: false });
    expect(await stored(snapshot.snapshotId)).toMatchObject({
      status: 'PENDING',
      attempt: 2,
    });
  });

  it('leaves a render under a live lease to its worker', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);

    const outcome = await markFailed({
      snapshotId: snapshot.snapshotId,
      attempt: 1,
      failure: { Error: 'States.HeartbeatTimeout' },
    });

    expect(outcome).toMatchObject({ status: 'RENDERING', changed: false });
    expect(await stored(snapshot.snapshotId)).toMatchObject({
      status: 'RENDERING',
      leaseOwner: 'worker-a',
    });
  });

  it("keeps the worker's own reason on a FAILED snapshot", async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);
    await store.claim(snapshot.snapshotId, 'worker-a', leaseMs);
    await store.markFailed(snapshot.snapshotId, 'blank page', 'worker-a');

    const outcome = await markFailed({
      snapshotId: snapshot.snapshotId,
      attempt: 1,
      failure: { Error: 'SnapshotFailed', Cause: '{"reason":"blank page"}' },
    });

    expect(outcome).toMatchObject({
      status: 'FAILED',
      reason: 'blank page',
      changed: false,
    });
  });

  it('answers MISSING for a snapshot that is gone', async () => {
    const snapshot = nextSnapshot();

    const outcome = await markFailed({
      snapshotId: snapshot.snapshotId,
      attempt: 1,
    });

    expect(outcome).toEqual({
      snapshotId: snapshot.snapshotId,
      status: 'MISSING',
      changed: false,
    });
  });

  it('refuses an input that names no attempt', async () => {
    const snapshot = nextSnapshot();
    await store.ensure(snapshot);

    await expect(
      markFailed({ snapshotId: snapshot.snapshotId, failure: timedOut }),
    ).rejects.toThrow(/attempt/);
    expect((await stored(snapshot.snapshotId))?.status).toBe('PENDING');
  });
});
