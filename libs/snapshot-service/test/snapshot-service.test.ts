import type { Metrics } from '@aws-lambda-powertools/metrics';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';
import { defaultCatalogue } from '@snapshots/reports';
import { createTables, SnapshotStore } from '@snapshots/snapshot-metadata';
import {
  callerFromClaims,
  SnapshotLinks,
  SnapshotService,
  type SnapshotDispatcher,
} from '../src';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
let clients: AwsClients;
let store: SnapshotStore;

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  store = new SnapshotStore({
    client: clients.dynamodb,
    tableName: tables.snapshots,
  });
});
afterAll(() => destroyClients(clients));

/**
 * The service over the local DynamoDB and a real presigner, with the
 * renders it starts, the metrics it counts and every line it prints
 * kept for the test.
 */
function serviceUnderTest() {
  const started: string[] = [];
  const metrics: string[] = [];
  const printed: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
  }
  const dispatcher: SnapshotDispatcher = {
    dispatch: (input) => {
      started.push(input.snapshotId);
      return Promise.resolve();
    },
  };
  const logger = createLogger('snapshot-api');
  logger.setLogLevel('DEBUG');
  const service = new SnapshotService({
    catalogue: defaultCatalogue,
    store,
    epochs: { dataEpoch: () => Promise.resolve('epoch-1') },
    dispatcher,
    links: new SnapshotLinks({
      s3: clients.s3,
      bucket: 'snapshots',
      ttlSeconds: 300,
    }),
    logger,
    metrics: {
      addMetric: (name: string) => {
        metrics.push(name);
        return undefined as unknown as Metrics;
      },
    },
    retryAfterSeconds: 1,
    renderDeadlineMs: 60_000,
  });
  return { service, started, metrics, printed };
}

afterEach(() => jest.restoreAllMocks());

const reader = callerFromClaims({ sub: 'u-1', schools: ['s-00042'] });
const body = { school: 's-00042', filters: { measure: ['attendance'] } };

describe('SnapshotService', () => {
  it('counts a miss, then joins, then a hit, and never prints the link', async () => {
    const { service, started, metrics, printed } = serviceUnderTest();

    const first = await service.request(reader, 'trends', body);
    const second = await service.request(reader, 'trends', body);
    await store.claim(first.snapshotId, 'w-1', 60_000);
    const ready = await store.get(first.snapshotId, { consistent: true });
    await store.markReady(first.snapshotId, 'w-1', {
      objectKey: ready?.objectKey ?? '',
      sizeBytes: 10,
      contentType: 'image/png',
      renderMs: 5,
    });
    const third = await service.request(reader, 'trends', body);
    const status = await service.status(reader, first.snapshotId);

    expect(first).toMatchObject({ status: 'PENDING' });
    expect(second).toMatchObject({ status: 'PENDING' });
    expect(started).toEqual([first.snapshotId]);
    expect(third).toMatchObject({
      status: 'READY',
      url: expect.stringContaining('X-Amz-Signature='),
    });
    expect(status).toMatchObject({ status: 'READY' });
    expect(metrics).toEqual([
      'SnapshotCacheMiss',
      'SnapshotJoin',
      'SnapshotCacheHit',
    ]);
    const output = printed.join('');
    expect(output).toMatch(/snapshot served from cache/);
    expect(output).not.toMatch(/X-Amz-/);
  });
});
