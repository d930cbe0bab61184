import { z } from 'zod';

const canonicalRequestSchema = z.strictObject({
  reportId: z.string().min(1),
  school: z.string().min(1).nullable(),
  region: z.string().min(1).nullable(),
  filters: z.record(z.string(), z.array(z.string())),
  format: z.enum(['png', 'pdf']),
});

/**
 * One job on a queue: everything a worker needs to render one snapshot
 * without reading anything but the report. Unknown fields are dropped, not
 * refused, so a newer producer can add one while older workers still run.
 */
export const snapshotJobSchema = z.object({
  snapshotId: z
    .string()
    .regex(/^snp_[a-z2-7]{32}$/, 'must be a snapshot id (snp_…)'),
  reportId: z.string().min(1),
  request: canonicalRequestSchema,
  reportVersion: z.string().min(1),
  dataEpoch: z.string().min(1),
  objectKey: z.string().min(1).max(1024),
  batchId: z.string().min(1).max(256).optional(),
  attempt: z.number().int().min(1),
  /** Present for private jobs: the Step Functions task to answer. */
  taskToken: z.string().min(1).max(8192).optional(),
  enqueuedAt: z.iso.datetime({ message: 'must be an ISO date-time' }),
});

export type SnapshotJob = z.output<typeof snapshotJobSchema>;
