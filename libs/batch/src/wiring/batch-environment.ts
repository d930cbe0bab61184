import { fields, readConfig } from '@snapshots/config';
import { createClients } from '@snapshots/aws-clients';
import { openDatasets, type Datasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { z } from 'zod';
import type { CampusSource, DataEpochSource } from '../ports';
import { createBatchTasks, type BatchTasks } from '../tasks/batch-tasks';
import { batchDependencies } from './batch-dependencies';

/** The Lambda functions of the batch state machine. */
export type BatchStep =
  | 'plan-batch'
  | 'enqueue-jobs'
  | 'scale-workers'
  | 'track-batch'
  | 'finish-batch';

const environmentSchema = z.object({
  SNAPSHOTS_TABLE: fields.text().optional(),
  CAMPUSES_TABLE: fields.text().optional(),
  DATASETS_URL: fields.text().optional(),
  BATCH_QUEUE_URL: fields.url().optional(),
  WORKER_GROUP_NAME: fields.text().optional(),
  S3_FORCE_PATH_STYLE: fields.flag().default(false),
});
type Variable = Exclude<
  keyof z.input<typeof environmentSchema>,
  'S3_FORCE_PATH_STYLE'
>;

/** The environment variables each step reads; all of them are required. */
export const batchStepVariables: Record<BatchStep, readonly Variable[]> = {
  'plan-batch': ['SNAPSHOTS_TABLE', 'DATASETS_URL'],
  'enqueue-jobs': [
    'SNAPSHOTS_TABLE',
    'CAMPUSES_TABLE',
    'DATASETS_URL',
    'BATCH_QUEUE_URL',
  ],
  'scale-workers': ['WORKER_GROUP_NAME'],
  'track-batch': ['SNAPSHOTS_TABLE', 'BATCH_QUEUE_URL'],
  'finish-batch': ['SNAPSHOTS_TABLE'],
};

/**
 * The batch steps of one Lambda function, configured from its
 * environment. The variables the step needs must be there: a missing or
 * bad one stops the function at its first invocation with a
 * `ConfigError` that names it. The others may be left out.
 *
 * The datasets connection (`DATASETS_URL`, a MySQL URL in AWS) opens on
 * first use and stays open for the life of the container.
 */
export function batchTasksFromEnvironment(
  step: BatchStep,
  environment: Record<string, string | undefined> = process.env,
): BatchTasks {
  const needed = batchStepVariables[step];
  const config = readConfig(
    environmentSchema.superRefine((values, context) => {
      for (const name of needed) {
        if (values[name] === undefined) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required',
          });
        }
      }
    }),
    environment,
  );

  const clients = createClients({
    s3ForcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
  const unset = `(${step} does not use it)`;
  return createBatchTasks(
    batchDependencies({
      dynamodb: clients.dynamodb,
      sqs: clients.sqs,
      autoScaling: clients.autoScaling,
      datasets: lazyDatasets(config.DATASETS_URL),
      snapshotsTable: config.SNAPSHOTS_TABLE ?? unset,
      campusesTable: config.CAMPUSES_TABLE ?? unset,
      queueUrl: config.BATCH_QUEUE_URL ?? unset,
      workerGroupName: config.WORKER_GROUP_NAME ?? unset,
      logger: createLogger('batch', { step }),
    }),
  );
}

/** Datasets opened on first use; tables are never created from here. */
function lazyDatasets(url: string | undefined): CampusSource & DataEpochSource {
  let opened: Promise<Datasets> | undefined;
  const datasets = () => {
    if (!url) throw new Error('DATASETS_URL is not set for this step');
    opened ??= openDatasets(url, { sync: false });
    return opened;
  };
  return {
    listCampuses: async (page) => (await datasets()).listCampuses(page),
    findSchools: async (ids) => (await datasets()).findSchools(ids),
    dataEpoch: async () => (await datasets()).dataEpoch(),
  };
}
