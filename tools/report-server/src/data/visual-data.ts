import type { VisualDefinition } from '../dashboards/dashboard';
import type { VisualPayload } from '../visual-payload';
import { campusRanking, campusTable } from './campus-visuals';
import { kpi, measureTrend, yearTable } from './summary-visuals';
import { indexedTrend, mover, yearlyChange } from './trend-visuals';
import type { VisualContext } from './visual-context';

/** Runs the query behind one visual. */
export function visualData(
  visual: VisualDefinition,
  context: VisualContext,
): Promise<VisualPayload> {
  switch (visual.query) {
    case 'kpi':
      return kpi(context, visual.measure);
    case 'measure-trend':
      return measureTrend(context, visual.chart, visual.measures);
    case 'year-table':
      return yearTable(context);
    case 'campus-ranking':
      return campusRanking(context, visual.limit);
    case 'campus-table':
      return campusTable(context, visual.limit);
    case 'indexed-trend':
      return indexedTrend(context);
    case 'yearly-change':
      return yearlyChange(context);
    case 'mover':
      return mover(context, visual.direction);
  }
}
