import {
  batchTasksFromEnvironment,
  type BatchStep,
  type BatchTasks,
} from '@snapshots/batch';

const wired = new Map<BatchStep, BatchTasks>();

/**
 * The batch steps of this Lambda function, configured from its
 * environment on first use and kept for the life of the container.
 */
export function batchSteps(step: BatchStep): BatchTasks {
  let tasks = wired.get(step);
  if (!tasks) {
    tasks = batchTasksFromEnvironment(step);
    wired.set(step, tasks);
  }
  return tasks;
}
