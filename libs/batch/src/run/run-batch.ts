import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchRefusedError, BatchRunError } from '../batch-error';
import { parseBatchInput, type BatchInput } from '../batch-input';
import { newBatchId } from '../planner/start-batch';
import type { CampusSource, SnapshotLedger } from '../ports';
import type { BatchLedger } from '../summary/batch-records';
import { collectBatchReport, type BatchReport } from '../summary/batch-report';

/** How a running batch is doing, as the progress callback sees it. */
export interface BatchRunProgress {
  batchId: string;
  /** The execution's status: RUNNING until it ends. */
  execution: string;
  /** Jobs known so far (grows while pages are planned). */
  total: number;
  /** Jobs ended, READY or FAILED. */
  done: number;
  ready: number;
  failed: number;
  /** Jobs ended per second since the start. */
  rate: number;
  elapsedMs: number;
}

export interface RunBatchOptions {
  sfn: SFNClient;
  stateMachineArn: string;
  /** The batch input; a batch id is made up when it has none. */
  input: BatchInput;
  snapshots: Pick<SnapshotLedger, 'countByBatch' | 'listByBatch'>;
  batches: Pick<BatchLedger, 'get'>;
  /** Fills in the region of school jobs in the report. */
  campuses?: Pick<CampusSource, 'findSchools'>;
  onProgress?: (progress: BatchRunProgress) => void;
  /** Pause between two looks at the batch. */
  pollMs?: number;
  /** Stops watching (the batch itself goes on and cleans up after itself). */
  signal?: AbortSignal;
  clock?: () => number;
}

/**
 * Starts a batch through Step Functions (StartExecution: in AWS, or the
 * local stand-in behind `AWS_ENDPOINT_URL_SFN`), reports its progress
 * while it runs, and returns the report of every job once it has ended.
 *
 * @example
 * const report = await runBatch({
 *   sfn, stateMachineArn, input: { reportId: 'campus-overview' },
 *   snapshots, batches,
 *   onProgress: (p) => bar.update(p.done, { total: p.total }),
 * });
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchReport> {
  const clock = options.clock ?? Date.now;
  const settings = parseBatchInput(options.input);
  const batchId = settings.batchId ?? newBatchId(clock());
  const startedAt = clock();

  const { executionArn } = await options.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: options.stateMachineArn,
      name: batchId,
      input: JSON.stringify({ ...options.input, batchId }),
    }),
  );
  if (!executionArn) {
    throw new BatchRunError(batchId, 'NOT_STARTED', 'no execution ARN');
  }

  for (;;) {
    options.signal?.throwIfAborted();
    const execution = await options.sfn.send(
      new DescribeExecutionCommand({ executionArn }),
    );
    const status = execution.status ?? 'RUNNING';
    const progress = await lookAt(
      batchId,
      status,
      options,
      clock() - startedAt,
    );
    options.onProgress?.(progress);

    if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') {
      const record = await options.batches.get(batchId);
      if (!record) {
        throw refusal(batchId, status, execution.error, execution.cause);
      }
      return collectBatchReport(record, {
        snapshots: options.snapshots,
        campuses: options.campuses,
      });
    }
    await sleep(options.pollMs ?? 1000, undefined, {
      signal: options.signal,
    });
  }
}

/**
 * Why a batch that left no record ended: refused by its first step (the
 * cause is that step's message), or stopped before it got that far.
 */
function refusal(
  batchId: string,
  status: string,
  error: string | undefined,
  cause: string | undefined,
): BatchRunError {
  if (status === 'FAILED' && error) {
    return new BatchRefusedError(batchId, error, messageOf(cause) || error);
  }
  return new BatchRunError(
    batchId,
    status,
    [error, cause].filter(Boolean).join(': ') || 'the batch never started',
  );
}

/** A Lambda function's error arrives as JSON text with `errorMessage`. */
function messageOf(cause: string | undefined): string {
  if (!cause?.trimStart().startsWith('{')) return cause?.trim() ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string'
      ? parsed.errorMessage
      : cause;
  } catch {
    return cause;
  }
}

async function lookAt(
  batchId: string,
  execution: string,
  options: RunBatchOptions,
  elapsedMs: number,
): Promise<BatchRunProgress> {
  const counts = await options.snapshots.countByBatch(batchId);
  const done = counts.READY + counts.FAILED;
  return {
    batchId,
    execution,
    total: done + counts.PENDING + counts.RENDERING,
    done,
    ready: counts.READY,
    failed: counts.FAILED,
    rate: elapsedMs > 0 ? done / (elapsedMs / 1000) : 0,
    elapsedMs,
  };
}
