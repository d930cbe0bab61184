import { capturesInLogs } from '@snapshots/embedded-service';
import { useEmbeddedApi } from './support/embedded-api';
import {
  call,
  requestSnapshot,
  untilSettled,
  type Answer,
} from './support/snapshot-client';

const api = useEmbeddedApi();

const school = 's-00001';
const otherSchool = 's-00002';

/** Renders the workers logged for a snapshot, whether they ended well. */
async function rendersOf(snapshotId: string): Promise<number> {
  const { finished, failed } = await capturesInLogs(
    api().service.logDir,
    snapshotId,
  );
  return finished + failed;
}

async function download(url: string): Promise<{ type: string; bytes: Buffer }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return {
    type: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]);

describe('a private snapshot on demand', () => {
  let first: Answer;
  let settled: Answer;

  beforeAll(async () => {
    const token = await api().token({ schools: [school] });
    first = await requestSnapshot(api().url, token, 'campus-overview', {
      school,
    });
    settled = await untilSettled(api().url, token, first.body.snapshotId ?? '');
  }, 240_000);

  it('is accepted with 202 and a Location to poll', () => {
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      snapshotId: expect.stringMatching(/^snp_[a-z2-7]{32}$/),
      status: 'PENDING',
      retryAfterSeconds: 1,
    });
    expect(first.headers.get('location')).toBe(
      `/snapshots/${first.body.snapshotId}`,
    );
  });

  it('ends READY with a short-lived URL whose bytes are a PNG', async () => {
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({
      snapshotId: first.body.snapshotId,
      status: 'READY',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
    });
    const expiresIn = Date.parse(settled.body.expiresAt ?? '') - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(120_000);

    const picture = await download(settled.body.url ?? '');
    expect(picture.type).toBe('image/png');
    expect(picture.bytes.subarray(0, 7)).toEqual(pngSignature);
    expect(await rendersOf(first.body.snapshotId ?? '')).toBe(1);
  });

  it('answers the same request again with 200 at once, rendering nothing', async () => {
    const token = await api().token({ schools: [school] });
    const snapshotId = first.body.snapshotId ?? '';
    const records = await api().store.get(snapshotId);

    // The same request written another way: the identity is the same.
    const again = await requestSnapshot(api().url, token, 'campus-overview', {
      school: `  ${school} `,
      format: 'png',
    });

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ snapshotId, status: 'READY' });
    expect(again.body.url).toEqual(expect.any(String));
    expect(await api().store.get(snapshotId)).toEqual(records);
    expect(await rendersOf(snapshotId)).toBe(1);
  });

  it('gives a PDF for a PDF request', async () => {
    const token = await api().token({ schools: [school] });

    const asked = await requestSnapshot(api().url, token, 'campus-overview', {
      school,
      format: 'pdf',
    });
    const done = await untilSettled(
      api().url,
      token,
      asked.body.snapshotId ?? '',
    );

    expect(asked.body.snapshotId).not.toBe(first.body.snapshotId);
    expect(done).toMatchObject({ status: 200, body: { status: 'READY' } });
    const document = await download(done.body.url ?? '');
    expect(document.type).toBe('application/pdf');
    expect(document.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 240_000);
});

describe('identical requests at once', () => {
  it('50 of them cause one render, and all get the same snapshot', async () => {
    const token = await api().token({ schools: [school] });
    const request = { school, filters: { measure: ['attendance'] } };

    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        requestSnapshot(api().url, token, 'trends', request),
      ),
    );
    const ids = new Set(answers.map((answer) => answer.body.snapshotId));
    const [snapshotId = ''] = [...ids];
    const done = await untilSettled(api().url, token, snapshotId);

    expect(ids.size).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual(
      Array.from({ length: 50 }, () => 202),
    );
    expect(done).toMatchObject({ status: 200, body: { status: 'READY' } });
    expect(await rendersOf(snapshotId)).toBe(1);
    expect((await api().store.get(snapshotId))?.attempt).toBe(1);
  }, 240_000);
});

describe('who may see a snapshot', () => {
  it("refuses another school's token with 403, and lets an admin through", async () => {
    const mine = await api().token({ schools: [school] });
    const theirs = await api().token({ schools: [otherSchool] });
    const admin = await api().token({ admin: true });
    const asked = await requestSnapshot(api().url, mine, 'campus-overview', {
      school,
    });
    const snapshotId = asked.body.snapshotId ?? '';

    const refusedRequest = await requestSnapshot(
      api().url,
      theirs,
      'campus-overview',
      { school },
    );
    const refusedStatus = await call(api().url, `/snapshots/${snapshotId}`, {
      token: theirs,
    });
    const adminRequest = await requestSnapshot(
      api().url,
      admin,
      'campus-overview',
      { school },
    );
    const adminStatus = await call(api().url, `/snapshots/${snapshotId}`, {
      token: admin,
    });

    for (const refused of [refusedRequest, refusedStatus]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('SCOPE_FORBIDDEN');
      expect(refused.body.url).toBeUndefined();
    }
    expect(adminRequest).toMatchObject({ status: 200, body: { snapshotId } });
    expect(adminStatus).toMatchObject({ status: 200, body: { snapshotId } });
    expect(adminStatus.body.url).toEqual(expect.any(String));
  });
});

describe('a report that fails', () => {
  it('ends FAILED with its reason, and the next request tries again', async () => {
    const token = await api().token({ schools: [school] });

    const asked = await requestSnapshot(api().url, token, 'broken', {
      school,
    });
    const snapshotId = asked.body.snapshotId ?? '';
    const failed = await untilSettled(api().url, token, snapshotId);

    expect(asked.status).toBe(202);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      snapshotId,
      status: 'FAILED',
      reason: expect.stringMatching(/\S/),
    });
    expect(failed.body.url).toBeUndefined();
    const rendersBefore = await rendersOf(snapshotId);
    expect(rendersBefore).toBeGreaterThanOrEqual(1);

    const retried = await requestSnapshot(api().url, token, 'broken', {
      school,
    });
    expect(retried).toMatchObject({
      status: 202,
      body: { snapshotId, status: 'PENDING' },
    });
    expect((await api().store.get(snapshotId))?.attempt).toBe(2);

    const failedAgain = await untilSettled(api().url, token, snapshotId);
    expect(failedAgain.body.status).toBe('FAILED');
    expect(await rendersOf(snapshotId)).toBeGreaterThan(rendersBefore);
  }, 300_000);
});
