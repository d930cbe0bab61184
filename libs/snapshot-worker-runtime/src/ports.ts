import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import type { ReceivedMessage } from './job-queues';

/*
 * The narrow views of its collaborators that the job processor needs.
 * Adapters in this library bind them to the snapshot store, the capture
 * pool, S3, SQS and Step Functions; unit tests hand in small fakes.
 */

/** What a READY snapshot looks like to a caller waiting for it. */
export interface ReadySnapshot {
  snapshotId: string;
  objectKey: string;
  contentType?: string;
  sizeBytes?: number;
}

export type ClaimResult =
  | { kind: 'claimed' }
  /** Nothing left to do: a worker has already stored it. */
  | { kind: 'ready'; snapshot: ReadySnapshot }
  /** Another worker (or another delivery) renders it right now. */
  | { kind: 'held'; leaseExpiresAt: number }
  /** The snapshot ended FAILED before; a new request must reset it. */
  | { kind: 'failed'; reason: string };

export interface RenderResult {
  body: Buffer;
  contentType: string;
  renderMs: number;
  steps?: Record<string, number>;
}

/**
 * The snapshot's lifecycle as one worker moves it. Every method that needs
 * the lease throws `JobAbortedError('lease-lost')` when another worker has
 * taken it over.
 */
export interface SnapshotLeases {
  /** Claims the snapshot, creating its metadata first if it is missing. */
  claim(job: SnapshotJob, owner: string, leaseMs: number): Promise<ClaimResult>;
  extend(snapshotId: string, owner: string, leaseMs: number): Promise<void>;
  /** Back to PENDING, for the next delivery to take up at once. */
  release(snapshotId: string, owner: string): Promise<void>;
  markReady(
    snapshotId: string,
    owner: string,
    result: {
      objectKey: string;
      sizeBytes: number;
      contentType: string;
      renderMs: number;
    },
  ): Promise<ReadySnapshot>;
  markFailed(snapshotId: string, reason: string, owner: string): Promise<void>;
}

export interface SnapshotRenderer {
  render(
    job: SnapshotJob,
    options: { signal: AbortSignal; ids: Record<string, string | number> },
  ): Promise<RenderResult>;
}

export interface SnapshotObjects {
  /** Stores the bytes under `objectKey`; resolves to their size. */
  put(job: SnapshotJob, result: RenderResult): Promise<{ sizeBytes: number }>;
}

export interface MessageActions {
  delete(message: ReceivedMessage): Promise<void>;
  setVisibility(message: ReceivedMessage, seconds: number): Promise<void>;
  /** Parks a job that cannot be done among the dead letters, now. */
  deadLetter(message: ReceivedMessage, reason: string): Promise<void>;
}

/**
 * Answers to a Step Functions execution waiting on a task token. An answer
 * to an execution that no longer waits (timed out, stopped) is dropped.
 */
export interface TaskCallbacks {
  succeed(taskToken: string, snapshot: ReadySnapshot): Promise<void>;
  fail(taskToken: string, snapshotId: string, reason: string): Promise<void>;
  heartbeat(taskToken: string): Promise<void>;
}
