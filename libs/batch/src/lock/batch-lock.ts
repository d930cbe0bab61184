import type { BatchPlan } from '../batch-plan';

/** Who holds the batch worker group, as the lock item records it. */
export interface BatchLockHolder {
  batchId: string;
  reportId: string;
  takenAt: number;
  /** Epoch ms after which another batch may take the lock over. */
  staleAt: number;
}

/**
 * One batch at a time on the batch worker group. A batch takes the lock
 * when it starts and releases it when it finishes, on every path; a lock
 * whose holder died lapses at its `staleAt` and the next batch takes it
 * over. There is one lock per stack, as there is one batch worker group.
 *
 * Shortcoming: a batch whose hold lapsed while it still ran (stuck past
 * its deadline and the allowance below) still scales the group in when it
 * ends, under the batch that took over. This goes away when the scale
 * step checks the hold before scaling in, which needs SNAPSHOTS_TABLE in
 * the ScaleWorkers function's environment.
 */
export interface BatchLock {
  /**
   * Takes the lock for a batch, or keeps it when the batch holds it
   * already (a retried step). Answers the holder it took over from, if
   * that one had gone stale.
   *
   * @throws BatchAlreadyRunningError while another batch holds it.
   */
  take(
    holder: Omit<BatchLockHolder, 'takenAt'>,
  ): Promise<{ tookOver?: BatchLockHolder }>;
  /** Releases the lock if this batch holds it; true when it did. */
  release(batchId: string): Promise<boolean>;
  /** The batch holding the lock, stale or not; none when it is free. */
  holder(): Promise<BatchLockHolder | undefined>;
}

/**
 * A running batch stops waiting at its deadline, then checks once more,
 * scales in (retried for about two minutes) and finishes (at most ten).
 * Its lock outlives the deadline by that much, so a newcomer cannot scale
 * out before the old batch's scale-in has run.
 */
export const cleanupAllowanceMs = 15 * 60_000;

/** When a batch's lock may be taken over if the batch never releases it. */
export function lockStaleAt(plan: BatchPlan): number {
  return plan.deadline + plan.pollSeconds * 1000 + cleanupAllowanceMs;
}
