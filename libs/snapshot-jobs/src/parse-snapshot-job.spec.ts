import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import {
  InvalidJobError,
  parseSnapshotJob,
  serializeSnapshotJob,
  type SnapshotJob,
} from '.';

function aJob(): SnapshotJob {
  const request = parseSnapshotRequest({
    reportId: 'trends',
    school: 's-00003',
    filters: { measure: ['b', 'a'] },
  });
  const revision = { version: '1', dataEpoch: '2024-06-01T00:00:00.000Z' };
  const identity = snapshotIdentity(request, revision);
  return {
    snapshotId: identity.snapshotId,
    reportId: request.reportId,
    request,
    reportVersion: revision.version,
    dataEpoch: revision.dataEpoch,
    objectKey: identity.objectKey,
    batchId: 'b-1',
    attempt: 1,
    enqueuedAt: '2024-06-01T10:00:00.000Z',
  };
}

function issuesOf(body: string) {
  try {
    parseSnapshotJob(body);
  } catch (error) {
    if (error instanceof InvalidJobError) return error.issues;
    throw error;
  }
  throw new Error('the job was accepted');
}

describe('parseSnapshotJob', () => {
  it('reads back what serializeSnapshotJob wrote', () => {
    const job = { ...aJob(), taskToken: 'token-1' };

    expect(parseSnapshotJob(serializeSnapshotJob(job))).toEqual(job);
  });

  it('drops fields it does not know, for newer producers', () => {
    const body = JSON.stringify({ ...aJob(), priority: 'high' });

    expect(parseSnapshotJob(body)).toEqual(aJob());
  });

  it('names each bad field', () => {
    const body = JSON.stringify({
      ...aJob(),
      attempt: 0,
      enqueuedAt: 'yesterday',
      request: { ...aJob().request, format: 'gif' },
    });

    expect(issuesOf(body)).toEqual([
      { path: 'request.format', message: expect.any(String) as string },
      { path: 'attempt', message: expect.any(String) as string },
      { path: 'enqueuedAt', message: 'must be an ISO date-time' },
    ]);
  });

  it('refuses a body that is not JSON', () => {
    expect(issuesOf('{"snapshotId":')).toEqual([
      { path: '', message: 'is not JSON' },
    ]);
  });

  it('refuses a request that is not canonical', () => {
    const job = aJob();
    const body = JSON.stringify({
      ...job,
      request: { ...job.request, filters: { measure: ['b', 'a'] } },
    });

    expect(issuesOf(body)).toEqual([
      { path: 'request', message: 'is not in canonical form' },
    ]);
  });

  it('refuses a job whose id or key belongs to another request', () => {
    const job = aJob();
    const body = JSON.stringify({
      ...job,
      dataEpoch: 'another-epoch',
      objectKey: 'snapshots/../../elsewhere.png',
    });

    const issues = issuesOf(body);

    expect(issues.map((issue) => issue.path)).toEqual([
      'snapshotId',
      'objectKey',
    ]);
    expect(issues[1]?.message).toMatch(/^should be snapshots\/trends\//);
  });

  it('refuses a job whose report differs from its request', () => {
    const body = JSON.stringify({ ...aJob(), reportId: 'campus-overview' });

    expect(issuesOf(body)).toEqual([
      { path: 'reportId', message: 'differs from request.reportId' },
    ]);
  });
});
