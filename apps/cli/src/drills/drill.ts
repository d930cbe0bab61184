import type { EmbeddedService } from '@snapshots/embedded-service';
import { defaultCatalogue } from '@snapshots/reports';
import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import {
  SnapshotStore,
  type SnapshotStatus,
} from '@snapshots/snapshot-metadata';

/** The final states a drill expects of its jobs, by snapshot id. */
export type Expectation = Map<string, 'READY' | 'FAILED'>;

/** What a drill found once its jobs were given time to end. */
export interface DrillOutcome {
  drill: string;
  jobs: number;
  ready: number;
  failed: number;
  /** Jobs with no metadata at all. */
  lost: number;
  /** Jobs still PENDING or RENDERING. */
  stuck: number;
  /** Jobs that ended, but not as the drill expects (e.g. FAILED). */
  unexpected: number;
  /** Checks of the drill's own besides the job states, e.g. dead letters. */
  checks: { what: string; passed: boolean }[];
  notes: string[];
  passed: boolean;
}

/** One fault drill: it breaks something and reports what became of jobs. */
export interface Drill {
  name: string;
  run(folder: string): Promise<DrillOutcome>;
}

/**
 * The snapshot ids a batch of `reportId` must produce for these schools,
 * worked out from the identity rules rather than read back from the
 * service: a job the service lost has no record to be listed by.
 */
export async function expectedJobs(
  service: EmbeddedService,
  reportId: string,
  schools: readonly string[],
): Promise<string[]> {
  const report = defaultCatalogue.get(reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  const revision = {
    version: report.version,
    dataEpoch: await service.datasets.dataEpoch(),
  };
  return schools.map(
    (school) =>
      snapshotIdentity(parseSnapshotRequest({ reportId, school }), revision)
        .snapshotId,
  );
}

/** Every campus school of the service, in order. */
export async function allSchools(service: EmbeddedService): Promise<string[]> {
  const campuses = await service.datasets.listCampuses({ limit: 10_000 });
  return campuses.map((campus) => campus.schoolId);
}

/**
 * Reads the final state of every expected job and compares it with what
 * the drill expects; extra `checks` must hold too.
 */
export async function tally(
  service: EmbeddedService,
  drill: string,
  expected: Expectation,
  options: { checks?: DrillOutcome['checks']; notes?: string[] } = {},
): Promise<DrillOutcome> {
  const store = new SnapshotStore({
    client: service.clients.dynamodb,
    tableName: service.names.snapshotsTable,
  });
  const counts: Record<SnapshotStatus | 'LOST', number> = {
    PENDING: 0,
    RENDERING: 0,
    READY: 0,
    FAILED: 0,
    LOST: 0,
  };
  let unexpected = 0;
  for (const [snapshotId, wanted] of expected) {
    const record = await store.get(snapshotId, { consistent: true });
    const status = record?.status ?? 'LOST';
    counts[status] += 1;
    if ((status === 'READY' || status === 'FAILED') && status !== wanted) {
      unexpected += 1;
    }
  }

  const checks = options.checks ?? [];
  const outcome = {
    drill,
    jobs: expected.size,
    ready: counts.READY,
    failed: counts.FAILED,
    lost: counts.LOST,
    stuck: counts.PENDING + counts.RENDERING,
    unexpected,
    checks,
    notes: options.notes ?? [],
  };
  const passed =
    outcome.jobs > 0 &&
    outcome.lost === 0 &&
    outcome.stuck === 0 &&
    unexpected === 0 &&
    checks.every((check) => check.passed);
  return { ...outcome, passed };
}

/** Every id expected to end in the same state. */
export function all(
  ids: readonly string[],
  status: 'READY' | 'FAILED',
): Expectation {
  return new Map(ids.map((id) => [id, status]));
}
