import type { BatchStatus, BatchSummary } from './batch-summary';

/** A batch as its record keeps it. */
export interface BatchRecordView {
  batchId: string;
  reportId: string;
  status: BatchStatus;
  total: number;
  startedAt: number;
  finishedAt?: number;
  summary?: BatchSummary;
}

/** Where batch records live (the snapshot metadata's batch store). */
export interface BatchLedger {
  /** Records a batch as RUNNING. */
  start(record: {
    batchId: string;
    reportId: string;
    startedAt: number;
  }): Promise<void>;
  /** Records the number of jobs once planning has ended. */
  planned(batchId: string, total: number): Promise<void>;
  /** Records how the batch ended. */
  finish(summary: BatchSummary): Promise<void>;
  get(batchId: string): Promise<BatchRecordView | undefined>;
}
