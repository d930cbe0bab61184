import type { Measure } from '../dashboards/dashboard';
import type { ChartPayload, KpiPayload, TablePayload } from '../visual-payload';
import { measureInfo, percentChange } from './measure-info';
import type { VisualContext } from './visual-context';

/** The latest year's value of a measure, with its change on the year before. */
export async function kpi(
  context: VisualContext,
  measure: Measure | 'campuses',
): Promise<KpiPayload> {
  const summary = await context.summary();
  const latest = summary[summary.length - 1];
  const previous = summary[summary.length - 2];
  if (!latest) {
    return {
      kind: 'kpi',
      value: null,
      format: 'count',
      caption: 'No data',
      change: null,
    };
  }

  if (measure === 'campuses') {
    return {
      kind: 'kpi',
      value: latest.campuses,
      format: 'count',
      caption: `reporting in ${latest.year}`,
      change: null,
    };
  }

  const info = measureInfo[measure];
  const now = info.value(latest);
  const before = previous ? info.value(previous) : null;
  const change =
    info.change === 'percent'
      ? percentChange(before, now)
      : now == null || before == null
        ? null
        : now - before;
  return {
    kind: 'kpi',
    value: now,
    format: info.format,
    caption: previous
      ? `${latest.year}, against ${previous.year}`
      : String(latest.year),
    change: change == null ? null : { value: change, format: info.change },
  };
}

/** Measures by year, as lines or grouped bars. */
export async function measureTrend(
  context: VisualContext,
  chartType: 'line' | 'bar',
  measures: Measure[],
): Promise<ChartPayload> {
  const summary = await context.summary();
  const first = measures[0] ?? 'enrolment';
  return {
    kind: 'chart',
    chartType,
    labels: summary.map((year) => String(year.year)),
    series: measures.map((measure) => ({
      label: measureInfo[measure].label,
      values: summary.map((year) => measureInfo[measure].value(year)),
    })),
    format: measureInfo[first].format,
  };
}

/** One row a year, one column a measure (the dashboard's chosen ones). */
export async function yearTable(context: VisualContext): Promise<TablePayload> {
  const summary = await context.summary();
  const measures = context.parameters.measures;
  return {
    kind: 'table',
    columns: [
      { label: 'Year', format: 'text' },
      { label: 'Campuses', format: 'count' },
      ...measures.map((m) => ({
        label: measureInfo[m].label,
        format: measureInfo[m].format,
      })),
    ],
    rows: [...summary]
      .reverse()
      .map((year) => [
        String(year.year),
        year.campuses,
        ...measures.map((m) => measureInfo[m].value(year)),
      ]),
  };
}
