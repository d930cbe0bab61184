import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidArn,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DefinitionError,
  startLocalStepFunctions,
  type LocalStepFunctions,
  type TaskContext,
} from '../src';
import { useAwsEnvironment } from './support/aws-environment';
import { pollUntil } from './support/poll';

const account = '000000000000';
const arnOf = (name: string) =>
  `arn:aws:states:us-east-1:${account}:stateMachine:${name}`;
const fixture = (name: string) =>
  readFileSync(join(__dirname, 'fixtures', name), 'utf8');

let local: LocalStepFunctions;
let clients: AwsClients;
let sfn: SFNClient;

beforeAll(async () => {
  // An hour-long Wait and 30 s retries, cut short for the test.
  local = await startLocalStepFunctions({ timers: { waitMs: 5, retryMs: 5 } });
});
useAwsEnvironment(() => local.environment);
beforeAll(() => {
  clients = createClients();
  sfn = clients.sfn;
});
afterAll(async () => {
  destroyClients(clients);
  await local.stop();
});

async function finished(
  executionArn: string,
): Promise<DescribeExecutionCommandOutput> {
  return pollUntil(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (execution) => execution.status !== 'RUNNING',
  );
}

async function start(stateMachineArn: string, input: unknown) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      input: JSON.stringify(input),
    }),
  );
  return executionArn ?? '';
}

class NamedError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

describe('a state machine with Task, Retry, Choice, Map, Catch and Wait', () => {
  const arn = arnOf('miniature-batch');
  let planCalls = 0;

  beforeAll(() => {
    local.registerStateMachine({
      arn,
      definition: fixture('miniature-batch.asl.json'),
      substitutions: {
        PlanFunctionArn: 'arn:aws:lambda:us-east-1:0:function:plan',
        RenderFunctionArn: 'arn:aws:lambda:us-east-1:0:function:render',
      },
      handlers: {
        Plan: (input) => {
          planCalls += 1;
          if (planCalls === 1) {
            throw new NamedError('PlanUnavailable', 'try again');
          }
          return input;
        },
        Render: (input) => {
          const { job, position } = input as { job: string; position: number };
          if (job === 'broken') {
            throw new NamedError('RenderFailed', `cannot render ${job}`);
          }
          return { job, status: 'READY', position };
        },
      },
    });
  });

  it('runs to SUCCEEDED, retrying the plan once and catching a failed job', async () => {
    const executionArn = await start(arn, {
      batch: 'b-1',
      jobs: ['s-001', 'broken', 's-003'],
    });

    const execution = await finished(executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(planCalls).toBe(2);
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      batch: 'b-1',
      results: [
        { job: 's-001', status: 'READY', position: 0 },
        { job: 'broken', status: 'FAILED', reason: 'cannot render broken' },
        { job: 's-003', status: 'READY', position: 2 },
      ],
    });
    expect(execution.startDate).toBeInstanceOf(Date);
    expect(execution.stopDate).toBeInstanceOf(Date);
  });

  it('ends FAILED with the Fail state error when the Choice finds no jobs', async () => {
    const executionArn = await start(arn, { batch: 'b-2', jobs: [] });

    const execution = await finished(executionArn);

    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'EmptyPlan',
      cause: 'the plan has no jobs',
    });
    expect(execution.output).toBeUndefined();
  });

  it('lists the executions of the machine, newest first', async () => {
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn }),
    );
    const failed = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: arn,
        statusFilter: 'FAILED',
      }),
    );

    expect(executions?.map((e) => e.status)).toEqual(['FAILED', 'SUCCEEDED']);
    expect(failed.executions).toHaveLength(1);
  });
});

describe('a task that waits for its task token', () => {
  const arn = arnOf('dispatch-job');
  const dispatched: { message: unknown; context: TaskContext }[] = [];

  beforeAll(() => {
    local.registerStateMachine({
      arn,
      definition: fixture('dispatch-job.asl.json'),
      substitutions: { QueueUrl: 'http://queue.local/jobs' },
      handlers: {
        Dispatch: (input, context) => {
          dispatched.push({ message: input, context });
        },
      },
    });
  });

  async function dispatch(job: string) {
    const executionArn = await start(arn, { job });
    const sent = await pollUntil(
      () => dispatched.find((d) => d.context.executionArn === executionArn),
      (found) => found !== undefined,
    );
    const taskToken = sent?.context.taskToken ?? '';
    return { executionArn, taskToken, message: sent?.message };
  }

  it('hands the $$.Task.Token to the handler and goes on with SendTaskSuccess', async () => {
    const { executionArn, taskToken, message } = await dispatch('s-010');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    const waiting = await sfn.send(
      new DescribeExecutionCommand({ executionArn }),
    );

    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken,
        output: JSON.stringify({ objectKey: 'snapshots/s-010.png' }),
      }),
    );
    const execution = await finished(executionArn);

    expect(message).toEqual({
      QueueUrl: 'http://queue.local/jobs',
      MessageBody: { job: 's-010', taskToken },
    });
    expect(waiting.status).toBe('RUNNING');
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      job: 's-010',
      result: { objectKey: 'snapshots/s-010.png' },
    });
  });

  it('lets the Catch take a SendTaskFailure whose error it names', async () => {
    const { executionArn, taskToken } = await dispatch('s-011');

    await sfn.send(
      new SendTaskFailureCommand({
        taskToken,
        error: 'RenderFailed',
        cause: 'blank page',
      }),
    );
    const execution = await finished(executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      job: 's-011',
      failure: { Error: 'RenderFailed', Cause: 'blank page' },
      status: 'FAILED',
    });
  });

  it('ends FAILED on a SendTaskFailure that nothing catches, and retires the token', async () => {
    const { executionArn, taskToken } = await dispatch('s-012');

    await sfn.send(
      new SendTaskFailureCommand({
        taskToken,
        error: 'BrowserCrashed',
        cause: 'renderer gone',
      }),
    );
    const execution = await finished(executionArn);
    const late = sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: '{}' }),
    );

    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'BrowserCrashed',
      cause: 'renderer gone',
    });
    await expect(late).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('aborts a waiting execution on StopExecution', async () => {
    const { executionArn, taskToken } = await dispatch('s-013');

    await sfn.send(
      new StopExecutionCommand({ executionArn, cause: 'batch cancelled' }),
    );
    const execution = await finished(executionArn);

    expect(execution).toMatchObject({
      status: 'ABORTED',
      cause: 'batch cancelled',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });
});

describe('token tasks inside a Map', () => {
  it('give each iteration its own token', async () => {
    const arn = arnOf('fan-out');
    const sent: { job: string; taskToken: string }[] = [];
    local.registerStateMachine({
      arn,
      definition: JSON.stringify({
        StartAt: 'EachJob',
        States: {
          EachJob: {
            Type: 'Map',
            ItemsPath: '$.jobs',
            ItemProcessor: {
              StartAt: 'Dispatch',
              States: {
                Dispatch: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  Parameters: { 'job.$': '$', 'taskToken.$': '$$.Task.Token' },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      }),
      handlers: {
        Dispatch: (input) => {
          sent.push(input as { job: string; taskToken: string });
        },
      },
    });
    const executionArn = await start(arn, { jobs: ['a', 'b', 'c'] });
    await pollUntil(
      () => sent.length,
      (count) => count === 3,
    );

    for (const { job, taskToken } of sent) {
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken, output: `"${job} done"` }),
      );
    }
    const execution = await finished(executionArn);

    expect(new Set(sent.map((m) => m.taskToken)).size).toBe(3);
    expect(JSON.parse(execution.output ?? 'null')).toEqual([
      'a done',
      'b done',
      'c done',
    ]);
  });
});

describe('a task whose worker stops sending heartbeats', () => {
  it('fails with States.HeartbeatTimeout', async () => {
    const arn = arnOf('silent-worker');
    local.registerStateMachine({
      arn,
      definition: JSON.stringify({
        StartAt: 'Dispatch',
        States: {
          Dispatch: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { 'taskToken.$': '$$.Task.Token' },
            HeartbeatSeconds: 1,
            End: true,
          },
        },
      }),
      handlers: { Dispatch: () => undefined },
    });

    const execution = await finished(await start(arn, {}));

    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'States.HeartbeatTimeout',
    });
  });
});

describe('requests the service refuses', () => {
  it('answers with the typed exceptions of the SDK', async () => {
    const unknownExecution = `arn:aws:states:us-east-1:${account}:execution:dispatch-job:nope`;
    const someToken = 'LT1' + 'A'.repeat(32);

    await expect(
      sfn.send(
        new DescribeExecutionCommand({ executionArn: unknownExecution }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })),
    ).rejects.toBeInstanceOf(InvalidArn);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'bad', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: someToken })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: arnOf('never-registered'),
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it('starts a name once, and repeats an identical start', async () => {
    const stateMachineArn = arnOf('dispatch-job');
    const first = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'once',
        input: '{"job":"s-020"}',
      }),
    );
    const again = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'once',
        input: '{"job":"s-020"}',
      }),
    );

    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: 'once',
          input: '{"job":"s-021"}',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    expect(again.executionArn).toBe(first.executionArn);
    await sfn.send(
      new StopExecutionCommand({ executionArn: first.executionArn }),
    );
  });
});

describe('registration', () => {
  const definition = fixture('dispatch-job.asl.json');

  it('refuses a placeholder without a value', () => {
    expect(() =>
      local.registerStateMachine({
        arn: arnOf('no-queue'),
        definition,
        handlers: { Dispatch: () => undefined },
      }),
    ).toThrow(
      new DefinitionError(arnOf('no-queue'), 'no substitution for ${QueueUrl}'),
    );
  });

  it('refuses a Task state without a handler', () => {
    expect(() =>
      local.registerStateMachine({
        arn: arnOf('no-handler'),
        definition,
        substitutions: { QueueUrl: 'q' },
        handlers: { Dispach: () => undefined },
      }),
    ).toThrow(/no handler for Task Dispatch; handlers for no Task: Dispach/);
  });

  it('refuses ASL the interpreter rejects', () => {
    expect(() =>
      local.registerStateMachine({
        arn: arnOf('dangling'),
        definition: JSON.stringify({
          StartAt: 'Nowhere',
          States: { Here: { Type: 'Pass', End: true } },
        }),
        handlers: {},
      }),
    ).toThrow(DefinitionError);
  });
});
