import type { BatchStore } from '@snapshots/snapshot-metadata';
import type { BatchLedger, BatchRecordView } from '../summary/batch-records';
import type { BatchSummary } from '../summary/batch-summary';

type BatchStoreLike = Pick<BatchStore, 'put' | 'get' | 'finish'>;

/**
 * Keeps batch records in the snapshot metadata's BatchStore: RUNNING when
 * planning starts, the number of jobs once it ends, and the summary when
 * the batch is over.
 */
export function batchLedger(store: BatchStoreLike): BatchLedger {
  return {
    start: ({ batchId, reportId, startedAt }) =>
      store.put({ batchId, reportId, status: 'RUNNING', total: 0, startedAt }),

    planned: async (batchId, total) => {
      const record = await store.get(batchId, { consistent: true });
      if (record) await store.put({ ...record, total });
    },

    finish: async (summary) => {
      const record = await store.get(summary.batchId, { consistent: true });
      if (record?.status === 'RUNNING' && record.total !== summary.total) {
        await store.put({ ...record, total: summary.total });
      }
      await store.finish(summary.batchId, {
        status: summary.status,
        summary: { ...summary },
      });
    },

    get: async (batchId) => {
      const record = await store.get(batchId, { consistent: true });
      if (!record) return undefined;
      const view: BatchRecordView = {
        batchId: record.batchId,
        reportId: record.reportId,
        status: record.status,
        total: record.total,
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
        summary: summaryOf(record.summary),
      };
      return view;
    },
  };
}

/** A summary this library wrote; anything else is left out. */
function summaryOf(
  value: Record<string, unknown> | undefined,
): BatchSummary | undefined {
  if (
    value &&
    typeof value.batchId === 'string' &&
    typeof value.total === 'number' &&
    typeof value.durationMs === 'number' &&
    Array.isArray(value.failures)
  ) {
    return value as unknown as BatchSummary;
  }
  return undefined;
}
