import type { AwsClients } from '@snapshots/aws-clients';
import type { Datasets } from '@snapshots/datasets';
import type { Logger } from '@snapshots/logging';
import { batchDependencies, createBatchTasks } from '../src';

export interface PlanRunInput {
  clients: AwsClients;
  datasets: Datasets;
  snapshotsTable: string;
  campusesTable: string;
  queueUrl: string;
  reportId: string;
  batchId: string;
  logger: Logger;
}

export interface PagedRunResult {
  campuses: number;
  jobs: number;
  pages: number;
  pageSize: number;
}

/**
 * The planner as the batch state machine runs it: one PlanBatch step,
 * then EnqueueJobs steps page by page until the plan is complete. Each
 * step gets only the small plan of the step before, as a Lambda would.
 */
export async function pagedRun(input: PlanRunInput): Promise<PagedRunResult> {
  const tasks = createBatchTasks(
    batchDependencies({
      ...input.clients,
      datasets: input.datasets,
      snapshotsTable: input.snapshotsTable,
      campusesTable: input.campusesTable,
      queueUrl: input.queueUrl,
      workerGroupName: 'unused-by-planning',
      logger: input.logger,
    }),
  );

  let plan = await tasks.planBatch({
    input: { reportId: input.reportId, batchId: input.batchId },
  });
  while (!plan.complete) plan = await tasks.enqueueJobs(plan);

  return {
    campuses: plan.campuses,
    jobs: plan.jobs,
    pages: plan.pages,
    pageSize: plan.pageSize,
  };
}
