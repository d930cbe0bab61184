import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import {
  BatchNotFoundError,
  BatchStore,
  CampusStore,
  InvalidPageError,
  InvalidTransitionError,
  createTables,
  type Campus,
} from '../src';

useLocalStack();

const tables = { snapshots: 'snapshots', campuses: 'campuses' };
let clients: AwsClients;
let campuses: CampusStore;
let batches: BatchStore;

const aCampus = (n: number): Campus => ({
  schoolId: `s-${String(n).padStart(5, '0')}`,
  regionId: `r-${String(n % 7).padStart(3, '0')}`,
  name: `School ${n}`,
  reports: ['campus-overview', 'trends'],
});

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await createTables(clients.dynamodb, tables);
  campuses = new CampusStore({
    client: clients.dynamodb,
    tableName: tables.campuses,
  });
  batches = new BatchStore({
    client: clients.dynamodb,
    tableName: tables.snapshots,
  });
});

afterAll(() => destroyClients(clients));

describe('CampusStore', () => {
  it('pages through every campus exactly once', async () => {
    const written = Array.from({ length: 130 }, (_, i) => aCampus(i + 1));
    await campuses.putMany(written);

    const seen: Campus[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await campuses.list({ limit: 40, cursor });
      expect(page.campuses.length).toBeLessThanOrEqual(40);
      seen.push(...page.campuses);
      cursor = page.cursor;
      pages++;
    } while (cursor);

    expect(pages).toBeGreaterThanOrEqual(4);
    const bySchool = (a: Campus, b: Campus) =>
      a.schoolId.localeCompare(b.schoolId);
    expect(seen.sort(bySchool)).toEqual(written.sort(bySchool));
  });

  it('keeps the last of two writes for one school', async () => {
    await campuses.putMany([
      aCampus(500),
      { ...aCampus(500), name: 'Renamed', reports: ['trends'] },
    ]);

    await expect(campuses.get('s-00500')).resolves.toMatchObject({
      name: 'Renamed',
      reports: ['trends'],
    });
    await expect(campuses.get('s-99999')).resolves.toBeUndefined();
  });

  it('refuses a bad page size and a cursor it did not give', async () => {
    await expect(campuses.list({ limit: 0 })).rejects.toThrow(InvalidPageError);
    await expect(campuses.list({ limit: 1001 })).rejects.toThrow(
      InvalidPageError,
    );
    const forged = Buffer.from('{"batchId":"b"}').toString('base64url');
    await expect(campuses.list({ cursor: forged })).rejects.toThrow(
      InvalidPageError,
    );
    await expect(campuses.list({ cursor: '%%%' })).rejects.toThrow(
      InvalidPageError,
    );
  });
});

describe('BatchStore', () => {
  const running = {
    batchId: 'batch-1',
    reportId: 'campus-overview',
    status: 'RUNNING' as const,
    total: 50,
    startedAt: 1_700_000_000_000,
  };

  it('writes a batch, lets a retried planner write it again, then ends it', async () => {
    await batches.put(running);
    await batches.put({ ...running, total: 51 });

    const finished = await batches.finish('batch-1', {
      status: 'SUCCEEDED',
      summary: { ready: 51, failed: 0 },
    });

    expect(finished).toMatchObject({
      status: 'SUCCEEDED',
      total: 51,
      summary: { ready: 51, failed: 0 },
      finishedAt: expect.any(Number),
    });
    await expect(batches.get('batch-1', { consistent: true })).resolves.toEqual(
      finished,
    );
  });

  it('answers a repeated ending as it is and refuses a different one', async () => {
    await batches.put({ ...running, batchId: 'batch-2' });
    const first = await batches.finish('batch-2', { status: 'TIMED_OUT' });

    await expect(
      batches.finish('batch-2', { status: 'TIMED_OUT' }),
    ).resolves.toEqual(first);
    await expect(
      batches.finish('batch-2', { status: 'SUCCEEDED' }),
    ).rejects.toThrow(InvalidTransitionError);
    await expect(
      batches.put({ ...running, batchId: 'batch-2' }),
    ).rejects.toThrow(InvalidTransitionError);
  });

  it('says when a batch does not exist', async () => {
    await expect(batches.get('nobody')).resolves.toBeUndefined();
    await expect(
      batches.finish('nobody', { status: 'FAILED' }),
    ).rejects.toThrow(BatchNotFoundError);
  });
});
