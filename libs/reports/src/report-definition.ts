/** Which part of the organisation one snapshot of a report shows. */
export type ReportScope = 'school' | 'region';

/** A dashboard parameter and where a request supplies its value. */
export interface ReportParameter {
  /** The dashboard's parameter name, e.g. `School`, `Year`. */
  name: string;
  source: 'school' | 'region' | 'filter';
  /** For source `filter`: the key in the request's `filters`. */
  filterKey?: string;
  multiValue: boolean;
  /** Accepts `[ALL]`, which is sent when the request leaves it out. */
  allowAll: boolean;
}

export interface ReportDefinition {
  /** A slug, e.g. `campus-overview`. */
  reportId: string;
  title: string;
  /** The QuickSight dashboard id (the report server's id locally). */
  dashboardId: string;
  /** Bumped whenever the dashboard changes, so old pictures are not served. */
  version: string;
  /** School reports need `school` in a request, region reports `region`. */
  scope: ReportScope;
  /** Part of the public batch. */
  public: boolean;
  parameters: ReportParameter[];
  /** How many visuals a good render shows. */
  expectedVisuals: number;
}
