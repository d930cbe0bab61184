import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import { z } from 'zod';

export const snapshotStatuses = [
  'PENDING',
  'RENDERING',
  'READY',
  'FAILED',
] as const;

export type SnapshotStatus = (typeof snapshotStatuses)[number];

/** The metadata of one snapshot, as stored. Times are epoch milliseconds. */
export interface SnapshotRecord {
  snapshotId: string;
  reportId: string;
  status: SnapshotStatus;
  request: CanonicalRequest;
  reportVersion: string;
  dataEpoch: string;
  objectKey: string;
  /** 1 for the first render, raised each time the work starts over. */
  attempt: number;
  batchId?: string;
  leaseOwner?: string;
  leaseExpiresAt?: number;
  /**
   * While PENDING or RENDERING: when the work counts as abandoned if
   * nobody holds a live lease on it. Absent on records written before it
   * existed, and on work whose starter gave none.
   */
  deadline?: number;
  failureReason?: string;
  contentType?: string;
  sizeBytes?: number;
  renderMs?: number;
  createdAt: number;
  updatedAt: number;
}

const requestSchema = z.object({
  reportId: z.string(),
  school: z.string().nullable(),
  region: z.string().nullable(),
  filters: z.record(z.string(), z.array(z.string())),
  format: z.enum(['png', 'pdf']),
});

/** Reads a stored item; attributes that are not part of a record drop. */
export const snapshotItemSchema = z.object({
  snapshotId: z.string(),
  reportId: z.string(),
  status: z.enum(snapshotStatuses),
  request: requestSchema,
  reportVersion: z.string(),
  dataEpoch: z.string(),
  objectKey: z.string(),
  attempt: z.number(),
  batchId: z.string().optional(),
  leaseOwner: z.string().optional(),
  leaseExpiresAt: z.number().optional(),
  deadline: z.number().optional(),
  failureReason: z.string().optional(),
  contentType: z.string().optional(),
  sizeBytes: z.number().optional(),
  renderMs: z.number().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
}) satisfies z.ZodType<SnapshotRecord>;
