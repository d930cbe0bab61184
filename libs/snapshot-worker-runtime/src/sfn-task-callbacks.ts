import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Logger } from '@snapshots/logging';
import type { ReadySnapshot, TaskCallbacks } from './ports';

/** The error name a private execution's Catch sees for a FAILED job. */
export const SNAPSHOT_FAILED = 'SnapshotFailed';

// Step Functions limits: error 256 characters, cause 32,768.
const MAX_CAUSE = 32_768;

/** Answers Step Functions task tokens of private jobs. */
export class SfnTaskCallbacks implements TaskCallbacks {
  constructor(
    private readonly sfn: SFNClient,
    private readonly logger: Logger,
  ) {}

  async succeed(taskToken: string, snapshot: ReadySnapshot): Promise<void> {
    const output = { ...snapshot, status: 'READY' };
    await this.dropIfGone('success', () =>
      this.sfn.send(
        new SendTaskSuccessCommand({
          taskToken,
          output: JSON.stringify(output),
        }),
      ),
    );
  }

  async fail(
    taskToken: string,
    snapshotId: string,
    reason: string,
  ): Promise<void> {
    await this.dropIfGone('failure', () =>
      this.sfn.send(
        new SendTaskFailureCommand({
          taskToken,
          error: SNAPSHOT_FAILED,
          cause: JSON.stringify({ snapshotId, reason }).slice(0, MAX_CAUSE),
        }),
      ),
    );
  }

  async heartbeat(taskToken: string): Promise<void> {
    await this.dropIfGone('heartbeat', () =>
      this.sfn.send(new SendTaskHeartbeatCommand({ taskToken })),
    );
  }

  /**
   * An execution that timed out or was stopped no longer waits for an
   * answer; the snapshot's metadata is the record either way.
   */
  private async dropIfGone(
    answer: string,
    send: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (
        error instanceof TaskTimedOut ||
        error instanceof TaskDoesNotExist ||
        error instanceof InvalidToken
      ) {
        this.logger.info('task answer dropped', { answer, reason: error.name });
        return;
      }
      throw error;
    }
  }
}
