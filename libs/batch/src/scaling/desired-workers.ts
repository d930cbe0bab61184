export interface WorkerBounds {
  jobsPerWorker: number;
  maxWorkers: number;
  /** The group's own MaxSize, when known. */
  groupMax?: number;
}

/**
 * How many workers a number of jobs deserves: one per `jobsPerWorker`
 * jobs, rounded up, at least one while there is any job, and never more
 * than either bound. No jobs, no workers.
 *
 * @example
 * desiredWorkers(260, { jobsPerWorker: 25, maxWorkers: 20 }); // 11
 */
export function desiredWorkers(jobs: number, bounds: WorkerBounds): number {
  if (jobs <= 0) return 0;
  const wanted = Math.ceil(jobs / bounds.jobsPerWorker);
  const ceiling = Math.min(bounds.maxWorkers, bounds.groupMax ?? Infinity);
  return Math.max(0, Math.min(wanted, ceiling));
}
