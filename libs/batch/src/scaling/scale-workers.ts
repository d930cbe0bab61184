import { z } from 'zod';
import { InvalidBatchInputError } from '../batch-error';
import type { BatchLogger } from '../ports';
import { desiredWorkers } from './desired-workers';
import type { GroupCapacity, WorkerGroup } from './worker-group';

const scaleEventSchema = z.object({
  batchId: z.string().min(1),
  /** Jobs waiting for workers; 0 scales the group in. */
  jobs: z.number().int().min(0),
  jobsPerWorker: z.number().int().min(1),
  maxWorkers: z.number().int().min(1),
});

export type ScaleEvent = z.infer<typeof scaleEventSchema>;

/**
 * Sets the worker group's desired capacity for a number of jobs: scale
 * out for a batch's jobs, back to zero with `jobs: 0`.
 */
export async function scaleWorkers(
  event: unknown,
  dependencies: { workers: WorkerGroup; logger: BatchLogger },
): Promise<GroupCapacity> {
  const parsed = scaleEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidBatchInputError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  const { batchId, jobs, jobsPerWorker, maxWorkers } = parsed.data;

  const capacity = await dependencies.workers.setDesired((groupMax) =>
    desiredWorkers(jobs, { jobsPerWorker, maxWorkers, groupMax }),
  );
  dependencies.logger.info('workers scaled', { batchId, jobs, ...capacity });
  return capacity;
}
