import {
  AlreadyReadyError,
  ContentionError,
  InvalidTransitionError,
  LeaseHeldError,
  NotLeaseHolderError,
  SnapshotNotFoundError,
  type SnapshotRecord,
  type SnapshotStore,
} from '@snapshots/snapshot-metadata';
import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import type { ClaimResult, ReadySnapshot, SnapshotLeases } from './ports';
import { JobAbortedError } from './worker-error';

type LeaseStore = Pick<
  SnapshotStore,
  | 'ensure'
  | 'claim'
  | 'extendLease'
  | 'release'
  | 'markReady'
  | 'markFailed'
  | 'get'
>;

/** The snapshot lifecycle in the metadata store, as one worker moves it. */
export class StoreLeases implements SnapshotLeases {
  constructor(private readonly store: LeaseStore) {}

  async claim(
    job: SnapshotJob,
    owner: string,
    leaseMs: number,
  ): Promise<ClaimResult> {
    try {
      await this.claimOrCreate(job, owner, leaseMs);
      return { kind: 'claimed' };
    } catch (error) {
      if (error instanceof LeaseHeldError) {
        return {
          kind: 'held',
          leaseExpiresAt: error.leaseExpiresAt ?? Date.now() + leaseMs,
        };
      }
      if (
        error instanceof InvalidTransitionError ||
        error instanceof ContentionError
      ) {
        return this.explain(job.snapshotId, error);
      }
      throw error;
    }
  }

  async extend(snapshotId: string, owner: string, leaseMs: number) {
    await holding(() => this.store.extendLease(snapshotId, owner, leaseMs));
  }

  async release(snapshotId: string, owner: string) {
    await holding(() => this.store.release(snapshotId, owner));
  }

  async markReady(
    snapshotId: string,
    owner: string,
    result: Parameters<SnapshotLeases['markReady']>[2],
  ): Promise<ReadySnapshot> {
    const record = await holding(() =>
      this.store.markReady(snapshotId, owner, result),
    );
    return readySnapshot(record);
  }

  async markFailed(snapshotId: string, reason: string, owner: string) {
    await holding(() => this.store.markFailed(snapshotId, reason, owner));
  }

  /**
   * A job whose metadata is missing (never written, or expired) brings
   * it back: the message is the authority on what is to be rendered.
   */
  private async claimOrCreate(
    job: SnapshotJob,
    owner: string,
    leaseMs: number,
  ): Promise<void> {
    try {
      await this.store.claim(job.snapshotId, owner, leaseMs);
    } catch (error) {
      if (!(error instanceof SnapshotNotFoundError)) throw error;
      await this.store.ensure({
        snapshotId: job.snapshotId,
        reportId: job.reportId,
        request: job.request,
        reportVersion: job.reportVersion,
        dataEpoch: job.dataEpoch,
        objectKey: job.objectKey,
        batchId: job.batchId,
      });
      await this.store.claim(job.snapshotId, owner, leaseMs);
    }
  }

  /** The claim was refused for the record's state: read which one. */
  private async explain(
    snapshotId: string,
    refusal: Error,
  ): Promise<ClaimResult> {
    const record = await this.store.get(snapshotId, { consistent: true });
    if (record?.status === 'READY') {
      return { kind: 'ready', snapshot: readySnapshot(record) };
    }
    if (record?.status === 'FAILED') {
      return { kind: 'failed', reason: record.failureReason ?? 'failed' };
    }
    throw refusal;
  }
}

/**
 * Runs a transition only the lease holder may make; any refusal means the
 * lease has gone to another worker (or the snapshot was finished or reset
 * by someone else), so this worker must stop.
 */
async function holding<T>(transition: () => Promise<T>): Promise<T> {
  try {
    return await transition();
  } catch (error) {
    if (
      error instanceof NotLeaseHolderError ||
      error instanceof AlreadyReadyError ||
      error instanceof InvalidTransitionError
    ) {
      throw new JobAbortedError('lease-lost', { cause: error });
    }
    throw error;
  }
}

function readySnapshot(record: SnapshotRecord): ReadySnapshot {
  return {
    snapshotId: record.snapshotId,
    objectKey: record.objectKey,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
  };
}
