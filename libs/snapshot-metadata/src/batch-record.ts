import { z } from 'zod';

export const batchStatuses = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
] as const;

export type BatchStatus = (typeof batchStatuses)[number];

/** One run of the public batch. Times are epoch milliseconds. */
export interface BatchRecord {
  batchId: string;
  reportId: string;
  status: BatchStatus;
  /** How many snapshots the batch planned. */
  total: number;
  startedAt: number;
  finishedAt?: number;
  /** Counts and notes written when the batch ends; keep it small (KBs). */
  summary?: Record<string, unknown>;
}

export const batchRecordSchema = z.object({
  batchId: z.string(),
  reportId: z.string(),
  status: z.enum(batchStatuses),
  total: z.number(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<BatchRecord>;
