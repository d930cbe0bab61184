/** What a parameter's values mean; decides how they are checked. */
export type ParameterKind = 'school' | 'region' | 'measure' | 'year';

export interface ParameterDefinition {
  /** The QuickSight parameter name, as in `#p.School=...`. */
  name: string;
  kind: ParameterKind;
  multiValue: boolean;
  /** Accepts `[ALL]`. */
  allowAll: boolean;
  /** Without it the dashboard shows an error instead of guessing. */
  required: boolean;
}

/** The measures a dashboard can show, by parameter value. */
export const measures = [
  'enrolment',
  'attendance',
  'reading',
  'numeracy',
] as const;
export type Measure = (typeof measures)[number];

/** Which computation feeds a visual; see data/visual-data.ts. */
export type VisualQuery =
  | { query: 'kpi'; measure: Measure | 'campuses' }
  | { query: 'measure-trend'; chart: 'line' | 'bar'; measures: Measure[] }
  | { query: 'year-table' }
  | { query: 'campus-ranking'; limit: number }
  | { query: 'campus-table'; limit: number }
  | { query: 'indexed-trend' }
  | { query: 'yearly-change' }
  | { query: 'mover'; direction: 'gain' | 'decline' };

export type VisualKind = 'kpi' | 'chart' | 'table';

export type VisualDefinition = VisualQuery & {
  visualId: string;
  title: string;
  kind: VisualKind;
  /** Grid columns taken out of four. */
  span: 1 | 2 | 4;
};

export interface DashboardDefinition {
  dashboardId: string;
  title: string;
  scope: 'school' | 'region';
  parameters: ParameterDefinition[];
  visuals: VisualDefinition[];
  /** Every visual's query fails: a dashboard to test failure handling. */
  alwaysFails?: boolean;
}
