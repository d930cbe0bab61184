import { z } from 'zod';
import { InvalidBatchInputError } from './batch-error';

const statusCounts = z.object({
  PENDING: z.number().int().min(0),
  RENDERING: z.number().int().min(0),
  READY: z.number().int().min(0),
  FAILED: z.number().int().min(0),
});

/** Why tracking stopped, or `running` while it goes on. */
export const trackReasons = [
  'running',
  'ended',
  'timedOut',
  'stalled',
] as const;
export type TrackReason = (typeof trackReasons)[number];

const progressSchema = z.object({
  /** True once the batch needs no more waiting. */
  settled: z.boolean(),
  reason: z.enum(trackReasons),
  counts: statusCounts,
  /** Messages on the queue, visible or being worked on. */
  queueDepth: z.number().int().min(0),
  /** Checks in a row that found an empty queue and unfinished jobs. */
  idleChecks: z.number().int().min(0),
  checkedAt: z.number(),
});

/**
 * The state the batch state machine carries from step to step. It stays a
 * few kilobytes whatever the number of campuses: pages are read with a
 * cursor, and only counts travel, never the jobs themselves (the state is
 * limited to 256 KB).
 */
export const batchPlanSchema = z.object({
  batchId: z.string().min(1),
  reportId: z.string().min(1),
  revision: z.object({ version: z.string(), dataEpoch: z.string() }),
  scope: z.enum(['school', 'region']),
  /** The campuses asked for, sorted; null for every campus. */
  schools: z.array(z.string()).nullable(),
  pageSize: z.number().int().min(1),
  /** The last school id of the page planned before; null at the start. */
  cursor: z.string().nullable(),
  /** True once every page has been planned. */
  complete: z.boolean(),
  pages: z.number().int().min(0),
  /** Campuses read from the datasets so far. */
  campuses: z.number().int().min(0),
  /** Jobs of this batch: written PENDING and put on the queue. */
  jobs: z.number().int().min(0),
  /** Snapshots already READY for this revision, or in flight elsewhere. */
  skipped: z.number().int().min(0),
  /**
   * Regions whose job is planned (region-scoped reports only): a region
   * comes back on many pages of campuses but gets one job. It holds one
   * short id per region, a few kilobytes even for thousands of regions.
   */
  regionsPlanned: z.array(z.string()),
  startedAt: z.number(),
  /** Epoch ms after which tracking gives up. */
  deadline: z.number(),
  pollSeconds: z.number().int().min(1),
  stallChecks: z.number().int().min(1),
  scaling: z.object({
    jobsPerWorker: z.number().int().min(1),
    maxWorkers: z.number().int().min(1),
  }),
  progress: progressSchema,
  /** Set by a Catch of the state machine when a step failed for good. */
  error: z
    .object({ Error: z.string().optional(), Cause: z.unknown() })
    .optional(),
});

export type BatchPlan = z.infer<typeof batchPlanSchema>;
export type BatchProgressState = z.infer<typeof progressSchema>;
export type StatusCounts = z.infer<typeof statusCounts>;

export const noCounts: StatusCounts = {
  PENDING: 0,
  RENDERING: 0,
  READY: 0,
  FAILED: 0,
};

/** Reads the plan a step receives from the state machine. */
export function parseBatchPlan(input: unknown): BatchPlan {
  const result = batchPlanSchema.safeParse(input);
  if (result.success) return result.data;

  throw new InvalidBatchInputError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}
