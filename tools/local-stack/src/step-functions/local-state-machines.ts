import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
} from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@snapshots/logging';
import { AwsFault } from '../aws-fault';
import {
  compileStateMachine,
  type CompiledStateMachine,
  type StateMachineRegistration,
  type TaskContext,
  type TaskSpec,
  type TimerOverrides,
} from './compile-state-machine';
import type { Execution, ExecutionStatus, RunningExecution } from './execution';
import { toJsonValue, type JsonValue } from './json-value';
import {
  assertExecutionArn,
  assertExecutionName,
  executionArn,
  stateMachineName,
} from './state-machine-arn';
import { TaskFailure } from './task-failure';
import { TaskTokens } from './task-tokens';

export interface LocalStateMachinesOptions {
  timers?: TimerOverrides;
  logger?: Logger;
}

export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

export interface ListExecutionsInput {
  stateMachineArn: string;
  statusFilter?: ExecutionStatus;
  maxResults?: number;
  nextToken?: string;
}

/**
 * The Step Functions service in miniature: registered state machines, the
 * executions started on them, and the task tokens they wait on. Runs are
 * interpreted by `aws-local-stepfunctions` in this process, with each
 * Task state bound to a local handler.
 */
export class LocalStateMachines {
  private readonly machines = new Map<string, CompiledStateMachine>();
  private readonly executions = new Map<string, RunningExecution>();
  private readonly tokens = new TaskTokens();

  constructor(private readonly options: LocalStateMachinesOptions = {}) {}

  /** Adds or replaces a state machine; returns its ARN. */
  register(registration: StateMachineRegistration): string {
    const machine = compileStateMachine(registration, this.options.timers);
    this.machines.set(machine.arn, machine);
    return machine.arn;
  }

  start(request: StartExecutionInput): Execution {
    stateMachineName(request.stateMachineArn);
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) {
      throw new AwsFault(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    }

    const name = request.name ?? randomUUID();
    assertExecutionName(name);
    const input = request.input ?? '{}';
    const arn = executionArn(machine.arn, name);
    const existing = this.executions.get(arn);
    if (existing) {
      // The service starts a name once; repeating the same start is fine.
      if (existing.status === 'RUNNING' && existing.input === input) {
        return existing;
      }
      throw new AwsFault(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${arn}'`,
      );
    }

    const execution: RunningExecution = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      parsedInput: parseInput(input),
      startDate: new Date(),
    };
    this.executions.set(arn, execution);
    this.run(machine, execution);
    return execution;
  }

  describe(arn: string): Execution {
    assertExecutionArn(arn);
    const execution = this.executions.get(arn);
    if (!execution) {
      throw new AwsFault(
        'ExecutionDoesNotExist',
        `Execution Does Not Exist: '${arn}'`,
      );
    }
    return execution;
  }

  /** Newest first, as the service lists them. */
  list(request: ListExecutionsInput): {
    executions: Execution[];
    nextToken?: string;
  } {
    stateMachineName(request.stateMachineArn);
    if (!this.machines.has(request.stateMachineArn)) {
      throw new AwsFault(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    }
    const matching = [...this.executions.values()]
      .filter(
        (execution) =>
          execution.stateMachineArn === request.stateMachineArn &&
          (!request.statusFilter || execution.status === request.statusFilter),
      )
      .reverse();

    const offset = request.nextToken ? Number(request.nextToken) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new AwsFault('InvalidToken', 'Invalid Token');
    }
    const size = request.maxResults || 100;
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? offset + size : undefined;
    return { executions: page, nextToken: next?.toString() };
  }

  stop(arn: string, reason: { error?: string; cause?: string }): Date {
    const execution = this.describe(arn) as RunningExecution;
    if (execution.status === 'RUNNING') execution.abort?.(reason);
    return execution.stopDate ?? new Date();
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    this.tokens.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  /** Aborts every running execution; the registry stays readable. */
  abortAll(): void {
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING') {
        execution.abort?.({ cause: 'the local stack stopped' });
      }
    }
  }

  private run(
    machine: CompiledStateMachine,
    execution: RunningExecution,
  ): void {
    // `$$.Task.Token` is read from the run's context object while the
    // interpreter resolves a Task state's Parameters, and the state's
    // handler is called in the same synchronous stretch. So the token read
    // last is the one the next handler claims, also across Map iterations.
    let pendingToken: string | undefined;
    const tokens = this.tokens;
    const context = {
      Execution: { Id: execution.executionArn, Name: execution.name },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: {
        get Token(): string {
          pendingToken ??= tokens.mint();
          return pendingToken;
        },
      },
    };
    const claimToken = () => {
      const token = pendingToken;
      pendingToken = undefined;
      return token;
    };

    const taskResourceLocalHandlers = Object.fromEntries(
      machine.tasks.map((task) => [
        task.name,
        (input: unknown) =>
          this.runTask(task, input as JsonValue, {
            executionArn: execution.executionArn,
            stateMachineArn: machine.arn,
            stateName: task.name,
            taskToken: claimToken(),
          }),
      ]),
    );

    const run = machine.interpreter.run(execution.parsedInput, {
      context,
      overrides: { ...machine.overrides, taskResourceLocalHandlers },
    });
    execution.abort = (reason) => {
      execution.error = reason.error;
      execution.cause = reason.cause;
      run.abort();
    };
    this.options.logger?.debug('execution started', {
      executionArn: execution.executionArn,
    });

    run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output }),
      (error: unknown) => this.finish(execution, ...outcomeOf(error)),
    );
  }

  private async runTask(
    task: TaskSpec,
    input: JsonValue,
    context: TaskContext,
  ): Promise<JsonValue> {
    if (!task.waitsForTaskToken) {
      return toJsonValue(await callHandler(task, input, context));
    }

    const taskToken = context.taskToken ?? this.tokens.mint();
    const outcome = this.tokens.await(taskToken, {
      executionArn: context.executionArn,
      heartbeatSeconds: task.heartbeatSeconds,
      timeoutSeconds: task.timeoutSeconds,
    });
    try {
      await callHandler(task, input, { ...context, taskToken });
    } catch (error) {
      this.tokens.discard(taskToken);
      throw error;
    }
    return outcome;
  }

  private finish(
    execution: RunningExecution,
    status: ExecutionStatus,
    result: { output?: unknown; error?: string; cause?: string },
  ): void {
    execution.status = status;
    execution.stopDate = new Date();
    if (status === 'SUCCEEDED') {
      execution.output = JSON.stringify(result.output ?? null);
    } else if (status !== 'ABORTED') {
      execution.error = result.error;
      execution.cause = result.cause;
    }
    delete execution.abort;
    this.tokens.endExecution(execution.executionArn);
    this.options.logger?.debug('execution ended', {
      executionArn: execution.executionArn,
      status,
      error: execution.error,
    });
  }
}

// The interpreter names a task's error after the thrown value's `name`,
// so anything thrown that is not an Error becomes one.
async function callHandler(
  task: TaskSpec,
  input: JsonValue,
  context: TaskContext,
): Promise<unknown> {
  try {
    return await task.handler(input, context);
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new TaskFailure('Error', String(error));
  }
}

function parseInput(input: string): JsonValue {
  try {
    return JSON.parse(input) as JsonValue;
  } catch {
    throw new AwsFault('InvalidExecutionInput', 'Invalid execution input.');
  }
}

function outcomeOf(
  error: unknown,
): [ExecutionStatus, { error?: string; cause?: string }] {
  if (error instanceof ExecutionTimeoutError) return ['TIMED_OUT', {}];
  if (error instanceof ExecutionAbortedError) return ['ABORTED', {}];
  const failure =
    error instanceof ExecutionError && error.cause instanceof Error
      ? error.cause
      : error;
  if (failure instanceof Error) {
    return ['FAILED', { error: failure.name, cause: failure.message }];
  }
  return ['FAILED', { error: 'States.Runtime', cause: String(failure) }];
}
