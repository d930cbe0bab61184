import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';
import {
  batchLedger,
  runBatch,
  type BatchInput,
  type BatchLedger,
  type BatchRecordView,
  type BatchReport,
  type BatchSummary,
} from '@snapshots/batch';
import {
  bootEmbeddedService,
  type EmbeddedService,
  type EmbeddedServiceOptions,
} from '@snapshots/embedded-service';
import { spawnLocalStack, type WorkerProcess } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';
import { BatchStore, SnapshotStore } from '@snapshots/snapshot-metadata';

export type BatchServiceOptions = Omit<
  EmbeddedServiceOptions,
  'dataDir' | 'logger'
>;

/**
 * Boots the embedded service once for a test file, in a folder of its own,
 * and stops it (workers first) and removes the folder afterwards. The
 * folder is kept when KEEP_BATCH_SERVICE is set, for its worker logs.
 */
export function useBatchService(
  options: BatchServiceOptions,
): () => EmbeddedService {
  let service: EmbeddedService | undefined;
  let folder: string | undefined;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'public-batch-'));
    const logger = createLogger('public-batch-test');
    // The service's own lines would bury the test output; warnings stay.
    logger.setLogLevel('WARN');
    service = await bootEmbeddedService({
      ...options,
      dataDir: folder,
      logger,
      startStack: (dataDir) => spawnLocalStack({ dataDir }),
    });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    if (folder && !process.env.KEEP_BATCH_SERVICE) {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  return () => {
    if (!service) throw new Error('the batch service boots in beforeAll');
    return service;
  };
}

/**
 * A worker that starts and then does nothing: jobs stay on the queue, as
 * when no worker ever gets to them.
 */
export function idleWorker(): WorkerProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], {
    stdio: 'ignore',
  });
}

export function snapshotStore(service: EmbeddedService): SnapshotStore {
  return new SnapshotStore({
    client: service.clients.dynamodb,
    tableName: service.names.snapshotsTable,
  });
}

/** The service's batch records, read as the batch library reads them. */
export function batchRecords(service: EmbeddedService): BatchLedger {
  return batchLedger(
    new BatchStore({
      client: service.clients.dynamodb,
      tableName: service.names.snapshotsTable,
    }),
  );
}

/** How a batch ended, as its caller and its state machine tell it. */
export interface BatchOutcome {
  report: BatchReport;
  /** The status of the state machine's execution. */
  execution: string;
  /** The error and cause the execution failed with, if it did. */
  error?: string;
  cause?: string;
  /** What the execution returned: the batch summary (none on failure). */
  summary: BatchSummary;
  /** The batch record once the batch has ended. */
  record?: BatchRecordView;
}

export interface RunOptions {
  /** Another registration of the batch state machine (a test variant). */
  stateMachineArn?: string;
  onProgress?: () => void;
}

/**
 * Starts a public batch through the batch state machine, as the schedule
 * does, follows it until it ends, and reads what the execution returned.
 */
export async function runPublicBatch(
  service: EmbeddedService,
  input: BatchInput,
  options: RunOptions = {},
): Promise<BatchOutcome> {
  const { clients, names } = service;
  const stateMachineArn = options.stateMachineArn ?? names.batchStateMachine;
  const batches = batchRecords(service);
  const report = await runBatch({
    sfn: clients.sfn,
    stateMachineArn,
    input: { pollSeconds: 1, ...input },
    snapshots: snapshotStore(service),
    batches,
    campuses: service.datasets,
    onProgress: options.onProgress,
    pollMs: 500,
  });

  const { executions = [] } = await clients.sfn.send(
    new ListExecutionsCommand({ stateMachineArn }),
  );
  const run = executions.find((item) => item.name === report.batchId);
  if (!run?.executionArn) {
    throw new Error(`no execution is named ${report.batchId}`);
  }
  const execution = await clients.sfn.send(
    new DescribeExecutionCommand({ executionArn: run.executionArn }),
  );
  return {
    report,
    execution: execution.status ?? 'UNKNOWN',
    error: execution.error,
    cause: execution.cause,
    summary: JSON.parse(execution.output ?? 'null') as BatchSummary,
    record: await batches.get(report.batchId),
  };
}
