import type { JsonValue } from './json-value';

export type ExecutionStatus =
  'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One run of a state machine, as DescribeExecution reports it. */
export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** The input as given, JSON text. */
  input: string;
  startDate: Date;
  stopDate?: Date;
  /** JSON text, when SUCCEEDED. */
  output?: string;
  error?: string;
  cause?: string;
}

/** The run-time side of an execution that the registry keeps. */
export interface RunningExecution extends Execution {
  parsedInput: JsonValue;
  abort?: (reason: { error?: string; cause?: string }) => void;
}
