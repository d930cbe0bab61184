import { z } from 'zod';
import { InvalidBatchInputError } from './batch-error';

/** Limits and defaults of a batch; every one can be set per execution. */
export const batchDefaults = {
  /** Campuses read, written and enqueued by one plan invocation. */
  pageSize: 500,
  /** Jobs one worker is expected to get through in a reasonable time. */
  jobsPerWorker: 25,
  /** Upper bound of the worker group; the group's own MaxSize also holds. */
  maxWorkers: 20,
  /** After this long the batch stops waiting and fails what is left. */
  timeoutSeconds: 3600,
  /** Pause between two checks of the batch's progress. */
  pollSeconds: 30,
  /**
   * Checks in a row that find the queue empty while jobs are unfinished
   * before those jobs count as lost (for example moved to the dead-letter
   * queue after a worker crashed on them again and again).
   */
  stallChecks: 5,
} as const;

/**
 * The most the `schools` subset may take, as JSON. It travels in the
 * state from step to step, which Step Functions limits to 256 KB; half of
 * that leaves room for the rest of the plan (regions planned, counts).
 * Ten thousand ids of the usual `s-00001` form take about 100 KB.
 */
export const schoolsBytesLimit = 128 * 1024;

const batchIdPattern = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * What starts a batch: the input of the batch state machine.
 *
 * The schedule of each environment sends `{ "reportId": "<id>" }`; an
 * on-demand start may add a subset of campuses and tune the run:
 *
 * ```json
 * { "reportId": "campus-overview", "schools": ["s-00001", "s-00002"],
 *   "batchId": "nightly-2024-06-01", "pageSize": 500, "jobsPerWorker": 25,
 *   "maxWorkers": 20, "timeoutSeconds": 3600, "pollSeconds": 30 }
 * ```
 *
 * Without `batchId` the execution's name is the batch id.
 */
export const batchInputSchema = z.object({
  reportId: z.string().trim().min(1).max(100),
  schools: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(10_000)
    .superRefine((ids, context) => {
      const bytes = Buffer.byteLength(JSON.stringify(ids));
      if (bytes > schoolsBytesLimit) {
        context.addIssue({
          code: 'custom',
          message:
            `takes ${bytes} bytes as JSON, more than the ` +
            `${schoolsBytesLimit} allowed: the batch state carries it ` +
            'between steps, and Step Functions limits that state to 256 KB',
        });
      }
    })
    .optional(),
  batchId: z
    .string()
    .regex(batchIdPattern, 'must be 1-80 letters, digits, "-" or "_"')
    .optional(),
  pageSize: z.number().int().min(1).max(1000).default(batchDefaults.pageSize),
  jobsPerWorker: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(batchDefaults.jobsPerWorker),
  maxWorkers: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(batchDefaults.maxWorkers),
  timeoutSeconds: z
    .number()
    .int()
    .min(10)
    .max(6 * 3600)
    .default(batchDefaults.timeoutSeconds),
  pollSeconds: z
    .number()
    .int()
    .min(1)
    .max(300)
    .default(batchDefaults.pollSeconds),
  stallChecks: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(batchDefaults.stallChecks),
});

/** A batch input as a caller writes it (optional fields may be left out). */
export type BatchInput = z.input<typeof batchInputSchema>;
/** A batch input with every default filled in. */
export type BatchSettings = z.output<typeof batchInputSchema>;

/** Parses a batch input once, at the edge, naming every bad field. */
export function parseBatchInput(input: unknown): BatchSettings {
  const result = batchInputSchema.safeParse(input);
  if (result.success) return result.data;

  throw new InvalidBatchInputError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

/** True when `value` can name a batch (and a Step Functions execution). */
export function isBatchId(value: string): boolean {
  return batchIdPattern.test(value);
}
