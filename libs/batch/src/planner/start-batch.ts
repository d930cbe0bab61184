import { randomUUID } from 'node:crypto';
import { ReportNotBatchableError } from '../batch-error';
import { isBatchId, parseBatchInput } from '../batch-input';
import { noCounts, type BatchPlan } from '../batch-plan';
import type { DataEpochSource, ReportLookup } from '../ports';

/**
 * What the first step receives: the execution's input, and the execution
 * part of the Step Functions context object (`$$.Execution`), whose name
 * becomes the batch id when the input brings none.
 */
export interface StartBatchEvent {
  input: unknown;
  execution?: { Name?: string; StartTime?: string };
}

export interface StartBatchDependencies {
  reports: ReportLookup;
  epochs: DataEpochSource;
  clock: () => number;
}

/**
 * Checks a batch input and pins what the whole batch will use: the
 * report's version and the data epoch, read once, so that every page
 * renders the same revision even if the data is refreshed meanwhile.
 */
export async function startBatch(
  event: StartBatchEvent,
  dependencies: StartBatchDependencies,
): Promise<BatchPlan> {
  const settings = parseBatchInput(event.input);
  const report = dependencies.reports.get(settings.reportId);
  if (!report) {
    throw new ReportNotBatchableError(settings.reportId, 'unknown report');
  }
  if (!report.public) {
    throw new ReportNotBatchableError(settings.reportId, 'not public');
  }

  const dataEpoch = await dependencies.epochs.dataEpoch();
  const startedAt = dependencies.clock();
  return {
    batchId: settings.batchId ?? batchIdOf(event.execution, startedAt),
    reportId: report.reportId,
    revision: { version: report.version, dataEpoch },
    scope: report.scope,
    schools: settings.schools ? [...new Set(settings.schools)].sort() : null,
    pageSize: settings.pageSize,
    cursor: null,
    complete: false,
    pages: 0,
    campuses: 0,
    jobs: 0,
    skipped: 0,
    regionsPlanned: [],
    startedAt,
    deadline: startedAt + settings.timeoutSeconds * 1000,
    pollSeconds: settings.pollSeconds,
    stallChecks: settings.stallChecks,
    scaling: {
      jobsPerWorker: settings.jobsPerWorker,
      maxWorkers: settings.maxWorkers,
    },
    progress: {
      settled: false,
      reason: 'running',
      counts: { ...noCounts },
      queueDepth: 0,
      idleChecks: 0,
      checkedAt: startedAt,
    },
  };
}

/** A fresh batch id, sortable by time: `b-20240601T020000Z-1a2b3c4d`. */
export function newBatchId(now: number = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[-:]|\.\d+/g, '');
  return `b-${stamp}-${randomUUID().slice(0, 8)}`;
}

function batchIdOf(
  execution: StartBatchEvent['execution'],
  now: number,
): string {
  const name = execution?.Name;
  return name && isBatchId(name) ? name : newBatchId(now);
}
