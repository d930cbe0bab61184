import { setTimeout as sleep } from 'node:timers/promises';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { capturesInLogs } from '@snapshots/embedded-service';
import { defaultCatalogue } from '@snapshots/reports';
import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import type { EnsureInput } from '@snapshots/snapshot-metadata';
import { useEmbeddedApi } from './support/embedded-api';
import { call, requestSnapshot, untilSettled } from './support/snapshot-client';

const api = useEmbeddedApi();

const reportId = 'campus-overview';
// Long enough for a first GET to find the work within it.
const shortDeadlineMs = 3_000;

/**
 * What the API writes before it starts an execution, written by hand
 * with a short deadline and no execution: the API that wrote it was
 * killed before StartExecution.
 */
async function orphanedRecord(school: string): Promise<EnsureInput> {
  const report = defaultCatalogue.get(reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  const request = parseSnapshotRequest({ reportId, school });
  const revision = {
    version: report.version,
    dataEpoch: await api().service.datasets.dataEpoch(),
  };
  const identity = snapshotIdentity(request, revision);
  const input: EnsureInput = {
    snapshotId: identity.snapshotId,
    reportId,
    request,
    reportVersion: revision.version,
    dataEpoch: revision.dataEpoch,
    objectKey: identity.objectKey,
    deadline: Date.now() + shortDeadlineMs,
  };
  const { outcome } = await api().store.ensure(input);
  expect(outcome).toBe('created');
  return input;
}

async function untilPast(deadline: number | undefined): Promise<void> {
  await sleep(Math.max(0, (deadline ?? 0) - Date.now()) + 200);
}

async function executionsOf(snapshotId: string): Promise<string[]> {
  const { executions = [] } = await api().service.clients.sfn.send(
    new ListExecutionsCommand({
      stateMachineArn: api().service.names.privateStateMachine,
    }),
  );
  return executions
    .map((execution) => execution.name ?? '')
    .filter((name) => name.startsWith(snapshotId));
}

async function rendersOf(snapshotId: string): Promise<number> {
  const { finished, failed } = await capturesInLogs(
    api().service.logDir,
    snapshotId,
  );
  return finished + failed;
}

describe('a snapshot whose API was killed before the render started', () => {
  it('is answered FAILED once its deadline passed, and the next request renders it', async () => {
    const school = 's-00003';
    const token = await api().token({ schools: [school] });
    const orphan = await orphanedRecord(school);
    const path = `/snapshots/${orphan.snapshotId}`;

    const early = await call(api().url, path, { token });
    await untilPast(orphan.deadline);
    const late = await call(api().url, path, { token });
    const again = await requestSnapshot(api().url, token, reportId, {
      school,
    });
    const done = await untilSettled(api().url, token, orphan.snapshotId);

    expect(early.status).toBe(202);
    expect(early.body.status).toBe('PENDING');
    expect(late.status).toBe(200);
    expect(late.body).toEqual({
      snapshotId: orphan.snapshotId,
      status: 'FAILED',
      reason: expect.stringMatching(/stopped without an answer/),
    });
    expect(again).toMatchObject({
      status: 202,
      body: { snapshotId: orphan.snapshotId, status: 'PENDING' },
    });
    expect(done).toMatchObject({ status: 200, body: { status: 'READY' } });
    expect(await api().store.get(orphan.snapshotId)).toMatchObject({
      status: 'READY',
      attempt: 2,
    });
    expect(await executionsOf(orphan.snapshotId)).toEqual([
      expect.stringMatching(new RegExp(`^${orphan.snapshotId}-2-`)),
    ]);
    expect(await rendersOf(orphan.snapshotId)).toBe(1);
  }, 240_000);

  it('is started over by the next request once its deadline passed, unasked', async () => {
    const school = 's-00004';
    const token = await api().token({ schools: [school] });
    const orphan = await orphanedRecord(school);

    const joined = await requestSnapshot(api().url, token, reportId, {
      school,
    });
    await untilPast(orphan.deadline);
    const restarted = await requestSnapshot(api().url, token, reportId, {
      school,
    });
    const done = await untilSettled(api().url, token, orphan.snapshotId);

    expect(joined.body).toMatchObject({ status: 'PENDING' });
    expect(await executionsOf(orphan.snapshotId)).toEqual([
      expect.stringMatching(new RegExp(`^${orphan.snapshotId}-2-`)),
    ]);
    expect(restarted.status).toBe(202);
    expect(done).toMatchObject({ status: 200, body: { status: 'READY' } });
    expect(await rendersOf(orphan.snapshotId)).toBe(1);
  }, 240_000);
});
