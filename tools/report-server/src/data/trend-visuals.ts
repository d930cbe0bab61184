import type { Measure } from '../dashboards/dashboard';
import type { ChartPayload, KpiPayload } from '../visual-payload';
import { measureInfo, percentChange } from './measure-info';
import type { VisualContext } from './visual-context';

/** Each chosen measure relative to its first year, which is 100. */
export async function indexedTrend(
  context: VisualContext,
): Promise<ChartPayload> {
  const summary = await context.summary();
  return {
    kind: 'chart',
    chartType: 'line',
    labels: summary.map((year) => String(year.year)),
    series: context.parameters.measures.map((measure) => {
      const values = summary.map((year) => measureInfo[measure].value(year));
      const base = values[0];
      return {
        label: measureInfo[measure].label,
        values: values.map((v) =>
          v == null || base == null || base === 0 ? null : (v / base) * 100,
        ),
      };
    }),
    format: 'index',
  };
}

/** Each chosen measure's change on the year before, in per cent. */
export async function yearlyChange(
  context: VisualContext,
): Promise<ChartPayload> {
  const summary = await context.summary();
  const pairs = summary.slice(1).map((year, i) => [summary[i], year] as const);
  return {
    kind: 'chart',
    chartType: 'bar',
    labels: pairs.map(([, year]) => String(year.year)),
    series: context.parameters.measures.map((measure) => ({
      label: measureInfo[measure].label,
      values: pairs.map(([before, year]) =>
        before
          ? percentChange(
              measureInfo[measure].value(before),
              measureInfo[measure].value(year),
            )
          : null,
      ),
    })),
    format: 'change',
  };
}

/** The chosen measure that rose (or fell) most from first to last year. */
export async function mover(
  context: VisualContext,
  direction: 'gain' | 'decline',
): Promise<KpiPayload> {
  const summary = await context.summary();
  const first = summary[0];
  const last = summary[summary.length - 1];
  const changes = context.parameters.measures
    .map((measure): [Measure, number | null] => [
      measure,
      first && last
        ? percentChange(
            measureInfo[measure].value(first),
            measureInfo[measure].value(last),
          )
        : null,
    ])
    .filter((entry): entry is [Measure, number] => entry[1] !== null)
    .sort((a, b) => (direction === 'gain' ? b[1] - a[1] : a[1] - b[1]));

  const [best] = changes;
  if (!best || !first || !last || first === last) {
    return {
      kind: 'kpi',
      value: null,
      format: 'change',
      caption: 'Needs two years of data',
      change: null,
    };
  }
  return {
    kind: 'kpi',
    value: best[1],
    format: 'change',
    label: measureInfo[best[0]].label,
    caption: `${first.year} to ${last.year}`,
    change: null,
  };
}
