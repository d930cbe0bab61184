import type { SnapshotRecord } from '@snapshots/snapshot-metadata';

export type BatchStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** One job that ended FAILED, with the reason its metadata gives. */
export interface BatchFailure {
  snapshotId: string;
  school: string | null;
  region: string | null;
  reason: string;
}

/**
 * How a batch ended. Kept on the batch record, logged, and returned by the
 * state machine; small whatever the batch size (failures are capped).
 */
export interface BatchSummary {
  batchId: string;
  reportId: string;
  status: Exclude<BatchStatus, 'RUNNING'>;
  reportVersion: string;
  dataEpoch: string;
  /** Jobs of the batch. */
  total: number;
  ready: number;
  failed: number;
  /** Snapshots left alone: READY already, or in flight elsewhere. */
  skipped: number;
  /** Campuses read from the datasets. */
  campuses: number;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** The first failures, at most `failureLimit` of them. */
  failures: BatchFailure[];
  failuresTruncated: boolean;
  /** Why the batch itself failed, when it did. */
  error?: string;
}

/** Failures kept on a summary: a batch record must stay a small item. */
export const failureLimit = 100;

/**
 * The failure line of a job that did not end READY: FAILED with its
 * reason, or left unfinished to a worker still at it or to whoever took
 * it over.
 */
export function failureOf(record: SnapshotRecord): BatchFailure {
  return {
    snapshotId: record.snapshotId,
    school: record.request.school,
    region: record.request.region,
    reason:
      record.status === 'FAILED'
        ? (record.failureReason ?? 'no reason recorded')
        : `still ${record.status} when the batch ended`,
  };
}
