/**
 * What the JSON endpoints answer and the page draws. Shared by the server
 * and the page bundle, so types only.
 */
export type ValueFormat = 'count' | 'percent' | 'score' | 'index' | 'change';

export interface KpiPayload {
  kind: 'kpi';
  value: number | null;
  format: ValueFormat;
  /** A second line under the value, e.g. the measure a mover is about. */
  label?: string;
  caption: string;
  change: {
    value: number;
    format: 'percent' | 'points';
  } | null;
}

export interface ChartPayload {
  kind: 'chart';
  chartType: 'line' | 'bar';
  /** Bars run sideways: long category labels such as campus names. */
  horizontal?: boolean;
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
  format: ValueFormat;
}

export interface TablePayload {
  kind: 'table';
  columns: { label: string; format: ValueFormat | 'text' }[];
  rows: (string | number | null)[][];
  note?: string;
}

export type VisualPayload = KpiPayload | ChartPayload | TablePayload;

/** The header line of a dashboard: who or what it is about. */
export interface ScopePayload {
  heading: string;
  detail: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { path: string; message: string }[];
  };
}
