import { randomUUID } from 'node:crypto';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { CanonicalRequest } from '@snapshots/snapshot-keys';

/**
 * What the private state machine starts from: a queue job without the task
 * token and enqueue time, which the state machine adds itself.
 */
export interface PrivateRenderInput {
  snapshotId: string;
  reportId: string;
  request: CanonicalRequest;
  reportVersion: string;
  dataEpoch: string;
  objectKey: string;
  attempt: number;
}

/** Starts the render of one private snapshot. */
export interface SnapshotDispatcher {
  dispatch(input: PrivateRenderInput): Promise<void>;
}

/** Starts one execution of the private state machine per render. */
export class StepFunctionsDispatcher implements SnapshotDispatcher {
  constructor(
    private readonly options: { sfn: SFNClient; stateMachineArn: string },
  ) {}

  async dispatch(input: PrivateRenderInput): Promise<void> {
    await this.options.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: this.options.stateMachineArn,
        name: executionName(input),
        input: JSON.stringify(input),
      }),
    );
  }
}

/**
 * Execution names must be unique per state machine for 90 days and at most
 * 80 characters; the snapshot id and attempt make them searchable, the
 * suffix keeps a retried attempt from colliding.
 */
function executionName(input: PrivateRenderInput): string {
  const suffix = randomUUID().slice(0, 8);
  return `${input.snapshotId.slice(0, 60)}-${input.attempt}-${suffix}`;
}
