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

/**
 * The chosen measure that rose (or fell) most from the first year to the
 * last; none when no measure moved that way.
 */
export async function mover(
  context: VisualContext,
  direction: 'gain' | 'decline',
): Promise<KpiPayload> {
  const summary = await context.summary();
  const first = summary[0];
  const last = summary[summary.length - 1];
  if (!first || !last || first === last) {
    return none('Needs two years of data');
  }

  const sign = direction === 'gain' ? 1 : -1;
  const [best] = context.parameters.measures
    .map((measure) => ({
      measure,
      change: percentChange(
        measureInfo[measure].value(first),
        measureInfo[measure].value(last),
      ),
    }))
    .filter(
      (entry): entry is { measure: Measure; change: number } =>
        entry.change !== null && entry.change * sign > 0,
    )
    .sort((a, b) => (b.change - a.change) * sign);

  const period = `${first.year} to ${last.year}`;
  if (!best) {
    return none(
      `No measure ${direction === 'gain' ? 'rose' : 'fell'}, ${period}`,
    );
  }
  return {
    kind: 'kpi',
    value: best.change,
    format: 'change',
    label: measureInfo[best.measure].label,
    caption: period,
    change: null,
  };
}

function none(caption: string): KpiPayload {
  return { kind: 'kpi', value: null, format: 'change', caption, change: null };
}
