import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readApiSettings } from '@snapshots/snapshot-service';

const workspaceRoot = join(__dirname, '..', '..', '..');

interface TaskState {
  Type: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Retry?: {
    IntervalSeconds?: number;
    BackoffRate?: number;
    MaxAttempts?: number;
  }[];
}

const definition = JSON.parse(
  readFileSync(
    join(workspaceRoot, 'apps/orchestration/state-machines/private.asl.json'),
    'utf8',
  ),
) as { TimeoutSeconds: number; States: Record<string, TaskState> };

/** The longest a task can take with every retry it is allowed. */
function worstCaseSeconds(state: TaskState): number {
  const timeout = state.TimeoutSeconds ?? Number.POSITIVE_INFINITY;
  const retry = state.Retry?.[0];
  const retries = retry?.MaxAttempts ?? 0;
  let waits = 0;
  for (let n = 0; n < retries; n++) {
    waits += (retry?.IntervalSeconds ?? 1) * (retry?.BackoffRate ?? 2) ** n;
  }
  return timeout * (retries + 1) + waits;
}

describe('the private execution and the deadline the API writes', () => {
  const sendJob = definition.States.SendJob;

  it("takes the execution's own timeout as its default", () => {
    const settings = readApiSettings(
      {
        SNAPSHOTS_TABLE: 'snapshots',
        SNAPSHOT_BUCKET: 'bucket',
        PRIVATE_STATE_MACHINE_ARN: 'arn:aws:states:::stateMachine:private',
      },
      'requestSnapshot',
    );

    expect(settings.PRIVATE_EXECUTION_TIMEOUT_SECONDS).toBe(
      definition.TimeoutSeconds,
    );
  });

  it('waits for a cold start before it counts a worker as gone', () => {
    // Boot, the user data's apt install of Chromium and the Node download,
    // then the worker's claim and first beat: minutes, not seconds.
    expect(sendJob?.HeartbeatSeconds).toBeGreaterThanOrEqual(600);
    expect(sendJob?.TimeoutSeconds).toBeGreaterThan(
      (sendJob?.HeartbeatSeconds ?? 0) + 300,
    );
  });

  it('lets every state, retried to the end, finish within the execution', () => {
    const { EnsurePrivateWorker, MarkFailed } = definition.States;
    const sendJobAlone = { ...sendJob, Retry: [] } as TaskState;
    // SendJob's retries are for the send, which fails fast; its timeout
    // is the wait for the worker's answer, once.
    const sendRetries = worstCaseSeconds({
      ...(sendJob as TaskState),
      TimeoutSeconds: 0,
    });
    const worst =
      worstCaseSeconds(EnsurePrivateWorker as TaskState) +
      worstCaseSeconds(sendJobAlone) +
      sendRetries +
      worstCaseSeconds(MarkFailed as TaskState);

    expect(worst).toBeLessThanOrEqual(definition.TimeoutSeconds);
  });
});
