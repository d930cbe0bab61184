import { randomBytes } from 'node:crypto';
import { AwsFault } from '../aws-fault';
import { toJsonValue, type JsonValue } from './json-value';
import { TaskFailure } from './task-failure';

export interface OpenTaskOptions {
  executionArn: string;
  heartbeatSeconds?: number;
  /**
   * The state's TimeoutSeconds. The interpreter enforces it; the adapter
   * only retires the token shortly after, so late answers are refused.
   */
  timeoutSeconds?: number;
}

interface OpenTask {
  executionArn: string;
  resolve(output: JsonValue): void;
  reject(failure: TaskFailure): void;
  heartbeatSeconds?: number;
  heartbeatTimer?: NodeJS.Timeout;
  timeoutTimer?: NodeJS.Timeout;
}

const tokenPattern = /^LT1[A-Za-z0-9_-]{32}$/;

// The interpreter's own timer fires first; this margin keeps the two from
// racing, at the price of accepting an answer that arrives within it.
const retireMarginMs = 1_000;

/**
 * The task tokens of `.waitForTaskToken` states: each open token holds a
 * paused task until SendTaskSuccess, SendTaskFailure, a missed heartbeat,
 * its timeout or the end of its execution settles it.
 */
export class TaskTokens {
  private readonly open = new Map<string, OpenTask>();
  // Kept for the life of the stand-in, to tell a late answer (TaskTimedOut)
  // from a made-up token (TaskDoesNotExist); a few bytes per task.
  private readonly retired = new Set<string>();

  mint(): string {
    return 'LT1' + randomBytes(24).toString('base64url');
  }

  /** Holds a task open under `token`; settles when an answer arrives. */
  await(token: string, options: OpenTaskOptions): Promise<JsonValue> {
    const outcome = new Promise<JsonValue>((resolve, reject) => {
      const task: OpenTask = {
        executionArn: options.executionArn,
        resolve,
        reject,
        heartbeatSeconds: options.heartbeatSeconds,
      };
      if (options.timeoutSeconds !== undefined) {
        task.timeoutTimer = setTimeout(
          () => this.settle(token, retired('States.Timeout')),
          options.timeoutSeconds * 1000 + retireMarginMs,
        ).unref();
      }
      this.open.set(token, task);
      this.armHeartbeat(token, task);
    });
    // Settled before anyone awaits it (a worker answering at once, or a
    // handler that throws) must not count as an unhandled rejection.
    outcome.catch(() => undefined);
    return outcome;
  }

  succeed(token: string, output: string): void {
    const task = this.find(token);
    let value: JsonValue;
    try {
      value = toJsonValue(JSON.parse(output));
    } catch {
      throw new AwsFault('InvalidOutput', 'The output is not valid JSON.');
    }
    this.retire(token, task);
    task.resolve(value);
  }

  fail(token: string, error?: string, cause?: string): void {
    const task = this.find(token);
    this.retire(token, task);
    task.reject(new TaskFailure(error ?? 'States.TaskFailed', cause ?? ''));
  }

  heartbeat(token: string): void {
    this.armHeartbeat(token, this.find(token));
  }

  /** Retires a token whose task ended another way (its handler threw). */
  discard(token: string): void {
    const task = this.open.get(token);
    if (task) this.settle(token, retired('States.TaskFailed'), task);
  }

  /** Retires every token of an execution that has ended. */
  endExecution(executionArn: string): void {
    for (const [token, task] of this.open) {
      if (task.executionArn === executionArn) {
        this.settle(token, retired('States.Runtime'), task);
      }
    }
  }

  private find(token: string): OpenTask {
    if (!tokenPattern.test(token)) {
      throw new AwsFault('InvalidToken', 'Invalid Token');
    }
    const task = this.open.get(token);
    if (task) return task;
    if (this.retired.has(token)) {
      throw new AwsFault(
        'TaskTimedOut',
        "Task Timed Out: 'Provided task does not exist anymore'",
      );
    }
    throw new AwsFault('TaskDoesNotExist', 'Task does not exist');
  }

  private armHeartbeat(token: string, task: OpenTask): void {
    if (task.heartbeatSeconds === undefined) return;
    clearTimeout(task.heartbeatTimer);
    const seconds = task.heartbeatSeconds;
    task.heartbeatTimer = setTimeout(() => {
      const cause = `no heartbeat within ${seconds} seconds`;
      this.settle(token, new TaskFailure('States.HeartbeatTimeout', cause));
    }, seconds * 1000).unref();
  }

  private settle(
    token: string,
    failure: TaskFailure,
    task = this.open.get(token),
  ): void {
    if (!task) return;
    this.retire(token, task);
    task.reject(failure);
  }

  private retire(token: string, task: OpenTask): void {
    clearTimeout(task.heartbeatTimer);
    clearTimeout(task.timeoutTimer);
    this.open.delete(token);
    this.retired.add(token);
  }
}

// Settles a task nobody waits for any more; only the token's retirement
// matters.
function retired(error: string): TaskFailure {
  return new TaskFailure(error, 'the task token was retired');
}
