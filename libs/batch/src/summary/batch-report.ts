import type { SnapshotStatus } from '@snapshots/snapshot-metadata';
import type { CampusSource, SnapshotLedger } from '../ports';
import type { BatchRecordView } from './batch-records';
import type { BatchStatus } from './batch-summary';

/** One job of a batch as the report lists it. */
export interface BatchReportJob {
  snapshotId: string;
  school: string | null;
  region: string | null;
  status: SnapshotStatus;
  reason?: string;
}

/**
 * A finished batch with every job: what `snapshots batch --json` prints.
 * `skipped` counts snapshots that were READY already and got no job.
 */
export interface BatchReport {
  batchId: string;
  reportId: string;
  status: BatchStatus;
  total: number;
  ready: number;
  failed: number;
  skipped: number;
  durationMs: number;
  jobs: BatchReportJob[];
}

export interface BatchReportSources {
  snapshots: Pick<SnapshotLedger, 'listByBatch'>;
  /** Fills in the region of school jobs; left null without it. */
  campuses?: Pick<CampusSource, 'findSchools'>;
  pageSize?: number;
}

/**
 * Lists every job of a batch with its final status, in snapshot id order.
 * The list is as long as the batch: meant for a command line or a test,
 * not for a Lambda's response.
 */
export async function collectBatchReport(
  record: BatchRecordView,
  sources: BatchReportSources,
): Promise<BatchReport> {
  const jobs: BatchReportJob[] = [];
  let cursor: string | undefined;
  do {
    const page = await sources.snapshots.listByBatch(record.batchId, {
      limit: sources.pageSize ?? 1000,
      cursor,
    });
    for (const snapshot of page.records) {
      jobs.push({
        snapshotId: snapshot.snapshotId,
        school: snapshot.request.school,
        region: snapshot.request.region,
        status: snapshot.status,
        ...(snapshot.status === 'FAILED'
          ? { reason: snapshot.failureReason ?? 'no reason recorded' }
          : {}),
      });
    }
    cursor = page.cursor;
  } while (cursor);

  if (sources.campuses) await fillRegions(jobs, sources.campuses);
  jobs.sort((a, b) => (a.snapshotId < b.snapshotId ? -1 : 1));

  const summary = record.summary;
  return {
    batchId: record.batchId,
    reportId: record.reportId,
    status: record.status,
    total: jobs.length,
    ready: jobs.filter((job) => job.status === 'READY').length,
    failed: jobs.filter((job) => job.status === 'FAILED').length,
    skipped: summary?.skipped ?? 0,
    durationMs:
      summary?.durationMs ??
      (record.finishedAt ?? Date.now()) - record.startedAt,
    jobs,
  };
}

/** School jobs carry only the school: their region comes from the data. */
async function fillRegions(
  jobs: BatchReportJob[],
  campuses: Pick<CampusSource, 'findSchools'>,
): Promise<void> {
  const schools = [
    ...new Set(
      jobs
        .filter((job) => job.school !== null && job.region === null)
        .map((job) => job.school as string),
    ),
  ];
  const regionOf = new Map<string, string>();
  for (let i = 0; i < schools.length; i += 1000) {
    for (const row of await campuses.findSchools(schools.slice(i, i + 1000))) {
      regionOf.set(row.schoolId, row.regionId);
    }
  }
  for (const job of jobs) {
    if (job.school !== null && job.region === null) {
      job.region = regionOf.get(job.school) ?? null;
    }
  }
}
