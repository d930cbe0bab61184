import type {
  DashboardDefinition,
  ParameterDefinition,
  VisualDefinition,
} from './dashboard';

const school: ParameterDefinition = {
  name: 'School',
  kind: 'school',
  multiValue: true,
  allowAll: true,
  required: true,
};

const region = (required: boolean): ParameterDefinition => ({
  name: 'Region',
  kind: 'region',
  multiValue: true,
  allowAll: true,
  required,
});

const kpi = (
  visualId: string,
  title: string,
  measure: Extract<VisualDefinition, { query: 'kpi' }>['measure'],
): VisualDefinition => ({
  visualId,
  title,
  kind: 'kpi',
  span: 1,
  query: 'kpi',
  measure,
});

const campusOverview: DashboardDefinition = {
  dashboardId: 'campus-overview',
  title: 'Campus overview',
  scope: 'school',
  parameters: [school, region(false)],
  visuals: [
    kpi('kpi-enrolment', 'Enrolment', 'enrolment'),
    kpi('kpi-attendance', 'Attendance rate', 'attendance'),
    kpi('kpi-reading', 'Reading mean score', 'reading'),
    kpi('kpi-numeracy', 'Numeracy mean score', 'numeracy'),
    {
      visualId: 'enrolment-trend',
      title: 'Enrolment by year',
      kind: 'chart',
      span: 2,
      query: 'measure-trend',
      chart: 'line',
      measures: ['enrolment'],
    },
    {
      visualId: 'assessment-trend',
      title: 'Assessment mean scores by year',
      kind: 'chart',
      span: 2,
      query: 'measure-trend',
      chart: 'line',
      measures: ['reading', 'numeracy'],
    },
    {
      visualId: 'year-table',
      title: 'Measures by year',
      kind: 'table',
      span: 4,
      query: 'year-table',
    },
  ],
};

const trends: DashboardDefinition = {
  dashboardId: 'trends',
  title: 'Trends',
  scope: 'school',
  parameters: [
    school,
    {
      name: 'Measure',
      kind: 'measure',
      multiValue: true,
      allowAll: true,
      required: false,
    },
    {
      name: 'Year',
      kind: 'year',
      multiValue: false,
      allowAll: true,
      required: false,
    },
  ],
  visuals: [
    {
      visualId: 'largest-gain',
      title: 'Largest gain',
      kind: 'kpi',
      span: 2,
      query: 'mover',
      direction: 'gain',
    },
    {
      visualId: 'largest-decline',
      title: 'Largest decline',
      kind: 'kpi',
      span: 2,
      query: 'mover',
      direction: 'decline',
    },
    {
      visualId: 'indexed-trend',
      title: 'Change since the first year (first year = 100)',
      kind: 'chart',
      span: 2,
      query: 'indexed-trend',
    },
    {
      visualId: 'yearly-change',
      title: 'Change on the year before (%)',
      kind: 'chart',
      span: 2,
      query: 'yearly-change',
    },
    {
      visualId: 'year-table',
      title: 'Measures by year',
      kind: 'table',
      span: 4,
      query: 'year-table',
    },
  ],
};

const regionSummary: DashboardDefinition = {
  dashboardId: 'region-summary',
  title: 'Region summary',
  scope: 'region',
  parameters: [region(true)],
  visuals: [
    kpi('kpi-campuses', 'Campuses', 'campuses'),
    kpi('kpi-enrolment', 'Enrolment', 'enrolment'),
    kpi('kpi-attendance', 'Attendance rate', 'attendance'),
    kpi('kpi-numeracy', 'Numeracy mean score', 'numeracy'),
    {
      visualId: 'campus-ranking',
      title: 'Largest campuses by enrolment',
      kind: 'chart',
      span: 2,
      query: 'campus-ranking',
      limit: 12,
    },
    {
      visualId: 'enrolment-trend',
      title: 'Enrolment by year',
      kind: 'chart',
      span: 2,
      query: 'measure-trend',
      chart: 'line',
      measures: ['enrolment'],
    },
    {
      visualId: 'campus-table',
      title: 'Campuses',
      kind: 'table',
      span: 4,
      query: 'campus-table',
      limit: 25,
    },
  ],
};

const broken: DashboardDefinition = {
  dashboardId: 'broken',
  title: 'Broken dashboard',
  scope: 'school',
  parameters: [school],
  alwaysFails: true,
  visuals: [
    kpi('kpi-enrolment', 'Enrolment', 'enrolment'),
    kpi('kpi-attendance', 'Attendance rate', 'attendance'),
    {
      visualId: 'enrolment-trend',
      title: 'Enrolment by year',
      kind: 'chart',
      span: 2,
      query: 'measure-trend',
      chart: 'line',
      measures: ['enrolment'],
    },
  ],
};

/** The dashboards the server knows, by id. */
export const dashboards: ReadonlyMap<string, DashboardDefinition> = new Map(
  [campusOverview, trends, regionSummary, broken].map((d) => [
    d.dashboardId,
    d,
  ]),
);

/**
 * The visual that the `slow`, `never` and `error` faults hit: the first
 * chart, so that the tiles around it still draw.
 */
export function faultTarget(dashboard: DashboardDefinition): string {
  const chart = dashboard.visuals.find((v) => v.kind === 'chart');
  return (chart ?? dashboard.visuals[0])?.visualId ?? '';
}
