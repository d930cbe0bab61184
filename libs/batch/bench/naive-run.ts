import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { defaultCatalogue } from '@snapshots/reports';
import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import type { PlanRunInput } from './paged-run';

export interface NaiveRunResult {
  campuses: number;
  /** Jobs built in memory: one per campus. */
  jobsBuilt: number;
  /** Jobs written and sent: the sample. */
  jobsSent: number;
  loadSeconds: number;
  sendSeconds: number;
}

/**
 * The baseline: what a first script does. It loads every campus into one
 * array, builds every job in a second one, then for each job writes the
 * metadata and sends one SendMessage, one job after another. Only the
 * first `sample` jobs are written and sent, to keep the run short; the
 * arrays it holds are the full ones. It reads no campus metadata, which
 * spares it calls the planner makes.
 */
export async function naiveRun(
  input: PlanRunInput,
  sample: number,
): Promise<NaiveRunResult> {
  const report = defaultCatalogue.require(input.reportId);
  const snapshots = new SnapshotStore({
    client: input.clients.dynamodb,
    tableName: input.snapshotsTable,
  });

  const loadStarted = performance.now();
  const revision = {
    version: report.version,
    dataEpoch: await input.datasets.dataEpoch(),
  };
  const campuses = await input.datasets.models.School.findAll();
  const jobs = campuses.map((campus) => {
    const request = parseSnapshotRequest({
      reportId: report.reportId,
      school: campus.schoolId,
    });
    const identity = snapshotIdentity(request, revision);
    return {
      snapshotId: identity.snapshotId,
      reportId: report.reportId,
      request,
      reportVersion: revision.version,
      dataEpoch: revision.dataEpoch,
      objectKey: identity.objectKey,
      batchId: input.batchId,
      attempt: 1,
      enqueuedAt: new Date().toISOString(),
    };
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const sendStarted = performance.now();
  const sent = jobs.slice(0, sample);
  for (const job of sent) {
    await snapshots.ensure({
      snapshotId: job.snapshotId,
      reportId: job.reportId,
      request: job.request,
      reportVersion: job.reportVersion,
      dataEpoch: job.dataEpoch,
      objectKey: job.objectKey,
      batchId: job.batchId,
    });
    await input.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: input.queueUrl,
        MessageBody: JSON.stringify(job),
      }),
    );
  }

  return {
    campuses: campuses.length,
    jobsBuilt: jobs.length,
    jobsSent: sent.length,
    loadSeconds: round(loadSeconds),
    sendSeconds: round((performance.now() - sendStarted) / 1000),
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
