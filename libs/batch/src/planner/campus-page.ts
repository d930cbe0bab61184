import type { BatchPlan } from '../batch-plan';
import type { CampusDirectory, CampusRow, CampusSource } from '../ports';

export interface CampusPage {
  /** Campuses of the page that get the batch's report. */
  campuses: CampusRow[];
  /** Campuses read, whether they get the report or not. */
  read: number;
  /** Where the next page starts; null when this was the last page. */
  cursor: string | null;
}

/**
 * Reads the next page of campuses after the plan's cursor and keeps those
 * that get the plan's report. A campus gets the reports its metadata
 * lists; a campus without metadata gets every public report.
 *
 * Every campus: a keyset page of the campus list (one index range read).
 * A subset: the next slice of the sorted school ids asked for, looked up
 * by id; ids the datasets do not know are dropped.
 */
export async function readCampusPage(
  plan: BatchPlan,
  source: CampusSource,
  directory: CampusDirectory,
): Promise<CampusPage> {
  const { rows, cursor } = plan.schools
    ? await subsetPage(plan, plan.schools, source)
    : await keysetPage(plan, source);

  const reports = await directory.reportsOf(rows.map((c) => c.schoolId));
  const campuses = rows.filter((campus) => {
    const listed = reports.get(campus.schoolId);
    return listed === undefined || listed.includes(plan.reportId);
  });
  return { campuses, read: rows.length, cursor };
}

async function keysetPage(
  plan: BatchPlan,
  source: CampusSource,
): Promise<{ rows: CampusRow[]; cursor: string | null }> {
  const rows = await source.listCampuses({
    limit: plan.pageSize,
    afterSchoolId: plan.cursor ?? undefined,
  });
  const last = rows.at(-1)?.schoolId;
  const more = rows.length === plan.pageSize && last !== undefined;
  return { rows, cursor: more ? last : null };
}

async function subsetPage(
  plan: BatchPlan,
  schools: readonly string[],
  source: CampusSource,
): Promise<{ rows: CampusRow[]; cursor: string | null }> {
  const after = plan.cursor;
  const start = after === null ? 0 : schools.findIndex((id) => id > after);
  const slice = start < 0 ? [] : schools.slice(start, start + plan.pageSize);
  const rows = slice.length > 0 ? await source.findSchools(slice) : [];
  const end = start + slice.length;
  const more = start >= 0 && end < schools.length;
  return { rows, cursor: more ? (slice.at(-1) ?? null) : null };
}
