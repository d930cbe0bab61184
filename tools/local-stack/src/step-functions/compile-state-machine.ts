import {
  StateMachine,
  type RunOptions,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { AwsFault } from '../aws-fault';
import {
  allStates,
  parseAsl,
  substitutePlaceholders,
  waitsForTaskToken,
  type AslMachine,
} from './asl-definition';
import { DefinitionError } from './definition-error';
import type { JsonValue } from './json-value';
import { stateMachineName } from './state-machine-arn';

/** What a task handler learns about the task it runs. */
export interface TaskContext {
  executionArn: string;
  stateMachineArn: string;
  stateName: string;
  /**
   * For `.waitForTaskToken` states: the token (`$$.Task.Token`) that
   * SendTaskSuccess or SendTaskFailure must carry to let the run go on.
   */
  taskToken?: string;
}

/**
 * Runs one Task state locally, as its Lambda function would in AWS. A
 * `.waitForTaskToken` handler only hands the token on (e.g. in a queue
 * message); the state's result is what arrives with SendTaskSuccess. A
 * thrown error fails the task with the error's `name` as ASL error.
 */
export type TaskHandler = (input: JsonValue, context: TaskContext) => unknown;

export interface StateMachineRegistration {
  /** `arn:aws:states:<region>:<account>:stateMachine:<name>` */
  arn: string;
  /** ASL JSON text, JSONPath only: the file that template.yaml deploys. */
  definition: string;
  /** Values for `${Name}` placeholders, as `DefinitionSubstitutions`. */
  substitutions?: Record<string, string>;
  /** One handler per Task state name, nested states included. */
  handlers: Record<string, TaskHandler>;
}

/** Shorter pauses for tests, applied to every state of every machine. */
export interface TimerOverrides {
  /** Every Wait state pauses this long instead. */
  waitMs?: number;
  /** Every retry pauses this long instead of its interval and backoff. */
  retryMs?: number;
}

export interface TaskSpec {
  name: string;
  waitsForTaskToken: boolean;
  heartbeatSeconds?: number;
  timeoutSeconds?: number;
  handler: TaskHandler;
}

export interface CompiledStateMachine {
  arn: string;
  name: string;
  interpreter: StateMachine;
  tasks: TaskSpec[];
  overrides: Omit<
    NonNullable<RunOptions['overrides']>,
    'taskResourceLocalHandlers'
  >;
}

// In AWS a task without TimeoutSeconds waits as long as its execution may
// run; the interpreter would stop it after 60 s. Node timers cap this at
// about 24.8 days, which is as close to "no limit" as it gets.
const unboundedTaskTimeoutSeconds = 2_000_000;

/**
 * Turns a registration into a runnable machine: placeholders replaced,
 * the ASL validated by the interpreter, every Task state bound to a
 * handler. Throws `DefinitionError` with what is wrong.
 */
export function compileStateMachine(
  registration: StateMachineRegistration,
  timers: TimerOverrides = {},
): CompiledStateMachine {
  const { arn } = registration;
  const name = nameOf(arn);
  const machine = readDefinition(registration);
  const tasks = bindTasks(machine, registration);

  for (const [, state] of allStates(machine)) {
    if (
      state.Type === 'Task' &&
      state.TimeoutSeconds === undefined &&
      state.TimeoutSecondsPath === undefined
    ) {
      state.TimeoutSeconds = unboundedTaskTimeoutSeconds;
    }
  }

  let interpreter: StateMachine;
  try {
    interpreter = new StateMachine(
      machine as unknown as StateMachineDefinition,
      // Resources are bound to local handlers, so any ARN will do.
      { validationOptions: { checkArn: false } },
    );
  } catch (cause) {
    throw new DefinitionError(arn, (cause as Error).message, { cause });
  }

  return {
    arn,
    name,
    interpreter,
    tasks,
    overrides: timerOverrides(machine, timers),
  };
}

function nameOf(arn: string): string {
  try {
    return stateMachineName(arn);
  } catch (cause) {
    throw new DefinitionError(arn, (cause as AwsFault).message, { cause });
  }
}

function readDefinition(registration: StateMachineRegistration): AslMachine {
  const { text, missing } = substitutePlaceholders(
    registration.definition,
    registration.substitutions ?? {},
  );
  if (missing.length > 0) {
    throw new DefinitionError(
      registration.arn,
      `no substitution for ${missing.map((n) => `\${${n}}`).join(', ')}`,
    );
  }
  try {
    return parseAsl(text);
  } catch (cause) {
    throw new DefinitionError(registration.arn, (cause as Error).message, {
      cause,
    });
  }
}

function bindTasks(
  machine: AslMachine,
  registration: StateMachineRegistration,
): TaskSpec[] {
  const tasks: TaskSpec[] = [];
  const unbound: string[] = [];
  for (const [name, state] of allStates(machine)) {
    if (state.Type !== 'Task') continue;
    const handler = registration.handlers[name];
    if (!handler) {
      unbound.push(name);
      continue;
    }
    tasks.push({
      name,
      handler,
      waitsForTaskToken: waitsForTaskToken(state),
      // Only token tasks heed heartbeats: nothing else here could send one.
      // HeartbeatSecondsPath and TimeoutSecondsPath are not read, so such a
      // task gets no heartbeat check and its token stays open until the
      // execution ends; that lasts until the adapter evaluates those paths.
      heartbeatSeconds: state.HeartbeatSeconds,
      timeoutSeconds: state.TimeoutSeconds,
    });
  }

  const unknown = Object.keys(registration.handlers).filter(
    (name) => !tasks.some((task) => task.name === name),
  );
  if (unbound.length > 0 || unknown.length > 0) {
    throw new DefinitionError(
      registration.arn,
      [
        unbound.length > 0 && `no handler for Task ${unbound.join(', ')}`,
        unknown.length > 0 && `handlers for no Task: ${unknown.join(', ')}`,
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  return tasks;
}

function timerOverrides(
  machine: AslMachine,
  timers: TimerOverrides,
): CompiledStateMachine['overrides'] {
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  for (const [name, state] of allStates(machine)) {
    if (timers.waitMs !== undefined && state.Type === 'Wait') {
      waitTimeOverrides[name] = timers.waitMs;
    }
    if (timers.retryMs !== undefined && state.Retry) {
      retryIntervalOverrides[name] = timers.retryMs;
    }
  }
  return { waitTimeOverrides, retryIntervalOverrides };
}
