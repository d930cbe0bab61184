import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { defaultCatalogue } from '@snapshots/reports';
import { BatchStore, SnapshotStore } from '@snapshots/snapshot-metadata';
import { batchLedger } from '../adapters/batch-ledger';
import { DynamoCampusDirectory } from '../adapters/campus-directory';
import { DynamoBatchLock } from '../adapters/dynamo-batch-lock';
import type {
  BatchLogger,
  CampusSource,
  DataEpochSource,
  ReportLookup,
} from '../ports';
import { WorkerGroup } from '../scaling/worker-group';
import type { BatchTaskDependencies } from '../tasks/batch-tasks';

/** The clients, names and datasets a batch runs against. */
export interface BatchWiring {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  autoScaling: AutoScalingClient;
  datasets: CampusSource & DataEpochSource;
  snapshotsTable: string;
  campusesTable: string;
  queueUrl: string;
  workerGroupName: string;
  logger: BatchLogger;
  /** The default catalogue when absent. */
  reports?: ReportLookup;
  clock?: () => number;
}

/**
 * Wires the batch steps to real stores and clients in one go: what a
 * command line or a test needs to run the batch state machine locally.
 *
 * @example
 * const tasks = createBatchTasks(batchDependencies({
 *   ...createClients(), datasets, logger,
 *   snapshotsTable: 'snapshots', campusesTable: 'campuses',
 *   queueUrl, workerGroupName: 'batch-workers',
 * }));
 */
export function batchDependencies(wiring: BatchWiring): BatchTaskDependencies {
  const clock = wiring.clock ?? Date.now;
  return {
    reports: wiring.reports ?? defaultCatalogue,
    datasets: wiring.datasets,
    directory: new DynamoCampusDirectory(wiring.dynamodb, wiring.campusesTable),
    snapshots: new SnapshotStore({
      client: wiring.dynamodb,
      tableName: wiring.snapshotsTable,
      clock,
    }),
    batches: batchLedger(
      new BatchStore({
        client: wiring.dynamodb,
        tableName: wiring.snapshotsTable,
        clock,
      }),
    ),
    lock: new DynamoBatchLock(wiring.dynamodb, wiring.snapshotsTable, clock),
    sqs: wiring.sqs,
    queueUrl: wiring.queueUrl,
    workers: new WorkerGroup(wiring.autoScaling, wiring.workerGroupName),
    logger: wiring.logger,
    clock,
  };
}

/** The `${Name}` placeholders of the batch state machine's Task states. */
export const batchFunctionPlaceholders = [
  'PlanBatchFunctionArn',
  'EnqueueJobsFunctionArn',
  'ScaleWorkersFunctionArn',
  'TrackBatchFunctionArn',
  'FinishBatchFunctionArn',
] as const;

/**
 * Values for the placeholders where the Task states run as local
 * handlers: Lambda ARNs that name the step and point nowhere.
 */
export function localBatchSubstitutions(
  region = 'us-east-1',
  account = '000000000000',
): Record<string, string> {
  return Object.fromEntries(
    batchFunctionPlaceholders.map((name) => [
      name,
      `arn:aws:lambda:${region}:${account}:function:${name.replace(/FunctionArn$/, '')}`,
    ]),
  );
}
