import { spawn } from 'node:child_process';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import type { ApiEvent } from '@snapshots/snapshot-service';
import { handler as getSnapshot } from '../src/handlers/get-snapshot';
import { handler as listReports } from '../src/handlers/list-reports';
import { handler as requestSnapshot } from '../src/handlers/request-snapshot';
import { sampleEvent } from './support/events';
import { usePrivateStack } from './support/private-stack';

// The private worker never renders here: these tests stop at the queue.
const stack = usePrivateStack({
  launchWorker: () =>
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], {
      stdio: 'ignore',
    }),
});

const body = (result: { body: string }) =>
  JSON.parse(result.body) as Record<string, unknown>;

describe('the API handlers, invoked with the sample events', () => {
  let snapshotId: string;

  it('request-snapshot answers 202 and starts one private render', async () => {
    const result = await requestSnapshot(sampleEvent('request-snapshot.json'));

    expect(result.statusCode).toBe(202);
    const answer = body(result);
    snapshotId = String(answer.snapshotId);
    expect(answer).toEqual({
      snapshotId: expect.stringMatching(/^snp_[a-z2-7]{32}$/),
      status: 'PENDING',
      retryAfterSeconds: 1,
    });
    expect(result.headers.location).toBe(`/snapshots/${snapshotId}`);

    const { executions = [] } = await stack().clients.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stack().names.stateMachineArn,
      }),
    );
    expect(executions).toHaveLength(1);
    expect(executions[0]?.name).toMatch(new RegExp(`^${snapshotId}-1-`));
  });

  it('the render reaches the private queue as a job with a task token', async () => {
    const { Messages = [] } = await stack().clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack().privateQueueUrl,
        WaitTimeSeconds: 20,
        VisibilityTimeout: 600,
      }),
    );

    expect(Messages).toHaveLength(1);
    const job = parseSnapshotJob(Messages[0]?.Body ?? '');
    expect(job).toMatchObject({
      snapshotId,
      reportId: 'trends',
      request: {
        school: 's-00001',
        filters: { measure: ['enrolment', 'reading'] },
        format: 'png',
      },
      attempt: 1,
      taskToken: expect.any(String),
    });
    expect(
      stack().autoScaling.describeGroup(stack().names.workerGroup)
        ?.desiredCapacity,
    ).toBe(1);
  });

  it('get-snapshot answers 202 while the render is on its way', async () => {
    const event = sampleEvent('get-snapshot.json');
    event.pathParameters = { snapshotId };

    const result = await getSnapshot(event);

    expect(result.statusCode).toBe(202);
    expect(body(result)).toMatchObject({ snapshotId, status: 'PENDING' });
  });

  it('get-snapshot answers 404 for the sample id, which nobody rendered', async () => {
    const result = await getSnapshot(sampleEvent('get-snapshot.json'));

    expect(result.statusCode).toBe(404);
    expect(body(result)).toMatchObject({
      error: { code: 'SNAPSHOT_NOT_FOUND' },
    });
  });

  it('list-reports lists what the claims grant, with parameters', async () => {
    const result = await listReports(sampleEvent('list-reports.json'));

    expect(result.statusCode).toBe(200);
    const answer = body(result) as {
      reports: { reportId: string; parameters: unknown[] }[];
      grants: unknown;
    };
    expect(answer.reports.map((report) => report.reportId).sort()).toEqual([
      'broken',
      'campus-overview',
      'region-summary',
      'trends',
    ]);
    expect(answer.grants).toEqual({
      schools: ['s-00001', 's-00002'],
      regions: ['r-001'],
      admin: false,
    });
  });

  it('refuses a school outside the claims with 403 and writes nothing', async () => {
    const event = sampleEvent<ApiEvent>('request-snapshot.json');
    event.body = JSON.stringify({ school: 's-00003' });
    event.pathParameters = { reportId: 'campus-overview' };

    const result = await requestSnapshot(event);

    expect(result.statusCode).toBe(403);
    expect(body(result)).toMatchObject({ error: { code: 'SCOPE_FORBIDDEN' } });
    const { executions = [] } = await stack().clients.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stack().names.stateMachineArn,
      }),
    );
    expect(executions).toHaveLength(1);
  });
});
