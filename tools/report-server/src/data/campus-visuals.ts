import type { ChartPayload, TablePayload } from '../visual-payload';
import type { VisualContext } from './visual-context';

async function latestYear(context: VisualContext): Promise<number | null> {
  const summary = await context.summary();
  return summary[summary.length - 1]?.year ?? null;
}

/** The largest campuses of the selection, as sideways bars. */
export async function campusRanking(
  context: VisualContext,
  limit: number,
): Promise<ChartPayload> {
  const year = await latestYear(context);
  const { rows } =
    year === null
      ? { rows: [] }
      : await context.datasets.campusMeasures(context.parameters.selection, {
          year,
          orderBy: 'enrolment',
          limit,
        });
  return {
    kind: 'chart',
    chartType: 'bar',
    horizontal: true,
    labels: rows.map((row) => row.name),
    series: [
      {
        label: `Enrolment ${year ?? ''}`,
        values: rows.map((r) => r.enrolment),
      },
    ],
    format: 'count',
  };
}

/** The first campuses of the selection by name, with their measures. */
export async function campusTable(
  context: VisualContext,
  limit: number,
): Promise<TablePayload> {
  const year = await latestYear(context);
  const { rows, total } =
    year === null
      ? { rows: [], total: 0 }
      : await context.datasets.campusMeasures(context.parameters.selection, {
          year,
          orderBy: 'name',
          limit,
        });
  return {
    kind: 'table',
    columns: [
      { label: 'Campus', format: 'text' },
      { label: 'Id', format: 'text' },
      { label: 'Kind', format: 'text' },
      { label: 'Enrolment', format: 'count' },
      { label: 'Attendance rate', format: 'percent' },
      { label: 'Reading', format: 'score' },
      { label: 'Numeracy', format: 'score' },
    ],
    rows: rows.map((row) => [
      row.name,
      row.schoolId,
      row.kind,
      row.enrolment,
      row.attendanceRate,
      row.readingMean,
      row.numeracyMean,
    ]),
    note:
      total > rows.length
        ? `${rows.length} of ${total} campuses, ${year}`
        : `${total} campuses, ${year ?? 'no data'}`,
  };
}
