import type { YearSummary } from '@snapshots/datasets';
import type { Measure } from '../dashboards/dashboard';
import type { ValueFormat } from '../visual-payload';

export interface MeasureInfo {
  label: string;
  value: (year: YearSummary) => number | null;
  format: ValueFormat;
  /** Rates and scores change in points, counts in per cent. */
  change: 'percent' | 'points';
}

export const measureInfo: Record<Measure, MeasureInfo> = {
  enrolment: {
    label: 'Enrolment',
    value: (y) => y.enrolment,
    format: 'count',
    change: 'percent',
  },
  attendance: {
    label: 'Attendance rate',
    value: (y) => y.attendanceRate,
    format: 'percent',
    change: 'points',
  },
  reading: {
    label: 'Reading mean score',
    value: (y) => y.readingMean,
    format: 'score',
    change: 'points',
  },
  numeracy: {
    label: 'Numeracy mean score',
    value: (y) => y.numeracyMean,
    format: 'score',
    change: 'points',
  },
};

/** Relative change in per cent; null when it cannot be computed. */
export function percentChange(
  from: number | null | undefined,
  to: number | null | undefined,
): number | null {
  if (from == null || to == null || from === 0) return null;
  return ((to - from) / from) * 100;
}
