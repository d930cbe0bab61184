import type { Logger } from '@snapshots/logging';
import { startLoopbackServer } from './http/loopback-server';
import type {
  StateMachineRegistration,
  TimerOverrides,
} from './step-functions/compile-state-machine';
import type { Execution } from './step-functions/execution';
import { LocalStateMachines } from './step-functions/local-state-machines';
import { answerStepFunctions } from './step-functions/sfn-json-protocol';

export interface LocalStepFunctionsOptions {
  /** A fixed port; a free one when absent. */
  port?: number;
  /** Shorter Wait and Retry pauses, for tests. */
  timers?: TimerOverrides;
  logger?: Logger;
}

export interface LocalStepFunctions {
  endpoint: string;
  /** Points `@aws-sdk/client-sfn` at this adapter. */
  environment: { AWS_ENDPOINT_URL_SFN: string };
  /**
   * Adds (or replaces) a state machine under its ARN. Throws
   * `DefinitionError` for bad ASL, a placeholder without a value, or a
   * Task state without a handler. Returns the ARN.
   */
  registerStateMachine(registration: StateMachineRegistration): string;
  /** An execution as DescribeExecution reports it, for assertions. */
  describeExecution(executionArn: string): Execution;
  /** Aborts running executions and closes the port. */
  stop(): Promise<void>;
}

/**
 * Starts a Step Functions stand-in on the loopback interface. State
 * machines run in this process with `aws-local-stepfunctions`; the real
 * `@aws-sdk/client-sfn` reaches them over HTTP through
 * `AWS_ENDPOINT_URL_SFN`, for StartExecution, DescribeExecution,
 * ListExecutions, StopExecution and SendTask{Success,Failure,Heartbeat}.
 *
 * @example
 * const sfn = await startLocalStepFunctions({ timers: { waitMs: 10 } });
 * Object.assign(process.env, sfn.environment);
 * sfn.registerStateMachine({
 *   arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:private',
 *   definition: readFileSync('state-machines/private.asl.json', 'utf8'),
 *   substitutions: { QueueUrl: queueUrl },
 *   handlers: { Dispatch: (input, { taskToken }) => send(input, taskToken) },
 * });
 */
export async function startLocalStepFunctions(
  options: LocalStepFunctionsOptions = {},
): Promise<LocalStepFunctions> {
  const machines = new LocalStateMachines({
    timers: options.timers,
    logger: options.logger,
  });
  const server = await startLoopbackServer(
    'step functions',
    answerStepFunctions(machines),
    options.port,
  );

  return {
    endpoint: server.endpoint,
    environment: { AWS_ENDPOINT_URL_SFN: server.endpoint },
    registerStateMachine: (registration) => machines.register(registration),
    describeExecution: (executionArn) => machines.describe(executionArn),
    stop: async () => {
      machines.abortAll();
      await server.close();
    },
  };
}
