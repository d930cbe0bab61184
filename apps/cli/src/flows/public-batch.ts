import {
  batchLedger,
  runBatch,
  type BatchReport,
  type BatchRunProgress,
} from '@snapshots/batch';
import type { EmbeddedService } from '@snapshots/embedded-service';
import { BatchStore, SnapshotStore } from '@snapshots/snapshot-metadata';

/**
 * Runs a public batch through the local batch state machine, as the
 * schedule would start it in AWS, and returns its report once every job
 * has ended.
 */
export function runPublicBatch(
  service: EmbeddedService,
  input: {
    reportId: string;
    schools?: string[];
    batchId?: string;
    jobsPerWorker?: number;
  },
  onProgress?: (progress: BatchRunProgress) => void,
): Promise<BatchReport> {
  const { clients, names } = service;
  return runBatch({
    sfn: clients.sfn,
    stateMachineArn: names.batchStateMachine,
    input: { ...input, pollSeconds: 1 },
    snapshots: new SnapshotStore({
      client: clients.dynamodb,
      tableName: names.snapshotsTable,
    }),
    batches: batchLedger(
      new BatchStore({
        client: clients.dynamodb,
        tableName: names.snapshotsTable,
      }),
    ),
    campuses: service.datasets,
    onProgress,
    pollMs: 500,
  });
}
