import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import {
  InvalidRequestError,
  parseSnapshotRequest,
  snapshotIdentity,
  type CanonicalRequest,
} from '@snapshots/snapshot-keys';
import type { BatchPlan } from '../batch-plan';
import { mapConcurrent } from '../map-concurrent';
import type {
  BatchLogger,
  CampusDirectory,
  CampusRow,
  CampusSource,
  SnapshotLedger,
} from '../ports';
import { readCampusPage } from './campus-page';

export interface PlanPageDependencies {
  campuses: CampusSource;
  directory: CampusDirectory;
  snapshots: Pick<SnapshotLedger, 'ensure'>;
  /** Puts the page's jobs on the queue; throws if any is left behind. */
  enqueue: (jobs: SnapshotJob[]) => Promise<unknown>;
  clock: () => number;
  logger: BatchLogger;
  /** Metadata writes in flight at once. */
  writeConcurrency?: number;
}

/**
 * Plans one page of a batch: reads the next campuses, writes each
 * snapshot's metadata PENDING with the batch id (skipping snapshots already
 * READY for this revision), enqueues the jobs, and moves the cursor on.
 *
 * A retried page is safe: a snapshot this batch already wrote PENDING is
 * enqueued again (its earlier message may never have left), and a worker
 * that receives a job twice renders it once.
 */
export async function planPage(
  plan: BatchPlan,
  dependencies: PlanPageDependencies,
): Promise<BatchPlan> {
  const page = await readCampusPage(
    plan,
    dependencies.campuses,
    dependencies.directory,
  );
  const { requests, regions, invalid } = requestsFor(plan, page.campuses);
  for (const { campus, error } of invalid) {
    dependencies.logger.warn('campus skipped', {
      batchId: plan.batchId,
      schoolId: campus.schoolId,
      error: error.message,
    });
  }

  const now = new Date(dependencies.clock()).toISOString();
  const decisions = await mapConcurrent(
    requests,
    dependencies.writeConcurrency ?? 16,
    (request) => ensureJob(plan, request, dependencies.snapshots, now),
  );
  const jobs = decisions.filter((job): job is SnapshotJob => job !== null);
  await dependencies.enqueue(jobs);

  const next: BatchPlan = {
    ...plan,
    cursor: page.cursor,
    complete: page.cursor === null,
    pages: plan.pages + 1,
    campuses: plan.campuses + page.read,
    jobs: plan.jobs + jobs.length,
    skipped: plan.skipped + (decisions.length - jobs.length) + invalid.length,
    regionsPlanned: [...plan.regionsPlanned, ...regions],
  };
  dependencies.logger.info('page planned', {
    batchId: plan.batchId,
    reportId: plan.reportId,
    page: next.pages,
    campusesRead: page.read,
    jobsEnqueued: jobs.length,
    jobsTotal: next.jobs,
    skippedTotal: next.skipped,
    complete: next.complete,
  });
  return next;
}

interface PageRequests {
  requests: CanonicalRequest[];
  /** Regions planned for the first time on this page. */
  regions: string[];
  invalid: { campus: CampusRow; error: InvalidRequestError }[];
}

/**
 * The snapshot requests of a page, written exactly as a caller of the API
 * would write them for the same scope, so that a private request for the
 * same school or region finds the batch's snapshot READY.
 */
function requestsFor(plan: BatchPlan, campuses: CampusRow[]): PageRequests {
  const result: PageRequests = { requests: [], regions: [], invalid: [] };
  const planned = new Set(plan.regionsPlanned);

  for (const campus of campuses) {
    if (plan.scope === 'region' && planned.has(campus.regionId)) continue;
    try {
      result.requests.push(
        parseSnapshotRequest(
          plan.scope === 'school'
            ? { reportId: plan.reportId, school: campus.schoolId }
            : { reportId: plan.reportId, region: campus.regionId },
        ),
      );
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error;
      result.invalid.push({ campus, error });
      continue;
    }
    if (plan.scope === 'region') {
      planned.add(campus.regionId);
      result.regions.push(campus.regionId);
    }
  }
  return result;
}

/**
 * Writes one snapshot's metadata for the batch and returns its job, or
 * null when there is nothing to render: READY for this revision already,
 * or pending for another batch or a private request.
 *
 * The metadata carries the batch's deadline: should the batch be stopped
 * before its finish step fails what is left, the next batch or request
 * takes those snapshots over once it passed, instead of leaving them
 * pending for a batch that is gone.
 */
async function ensureJob(
  plan: BatchPlan,
  request: CanonicalRequest,
  snapshots: Pick<SnapshotLedger, 'ensure'>,
  enqueuedAt: string,
): Promise<SnapshotJob | null> {
  const identity = snapshotIdentity(request, plan.revision);
  const { record, outcome } = await snapshots.ensure({
    snapshotId: identity.snapshotId,
    reportId: plan.reportId,
    request,
    reportVersion: plan.revision.version,
    dataEpoch: plan.revision.dataEpoch,
    objectKey: identity.objectKey,
    batchId: plan.batchId,
    deadline: plan.deadline,
  });

  const ours =
    outcome === 'created' ||
    outcome === 'reset' ||
    (outcome === 'joined' &&
      record.batchId === plan.batchId &&
      record.status === 'PENDING');
  if (!ours) return null;

  return {
    snapshotId: identity.snapshotId,
    reportId: plan.reportId,
    request,
    reportVersion: plan.revision.version,
    dataEpoch: plan.revision.dataEpoch,
    objectKey: identity.objectKey,
    batchId: plan.batchId,
    attempt: record.attempt,
    enqueuedAt,
  };
}
