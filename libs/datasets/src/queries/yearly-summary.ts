import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { parseInput } from '../parse-input';
import { numeric, selectRows } from './run-query';
import {
  campusSelectionSchema,
  selectionCondition,
  type CampusSelection,
} from './selection';

/** The selected campuses' measures, aggregated for one year. */
export interface YearSummary {
  year: number;
  campuses: number;
  /** Students enrolled, summed. */
  enrolment: number;
  /** Attendance rate in per cent, weighted by enrolment. Averages are
   * rounded to two decimals. */
  attendanceRate: number;
  /** Mean scale score over campuses; null when none was assessed. */
  readingMean: number | null;
  numeracyMean: number | null;
  /** Share of proficient students in per cent, mean over campuses. */
  readingProficientPct: number | null;
  numeracyProficientPct: number | null;
}

const inputSchema = z.object({
  selection: campusSelectionSchema,
  toYear: z.number().int().optional(),
});

const enrolmentRow = z.object({
  year: numeric(),
  campuses: numeric(),
  enrolment: numeric(),
  attendanceRate: numeric(),
});

const assessmentRow = z.object({
  year: numeric(),
  domain: z.enum(['reading', 'numeracy']),
  meanScore: numeric(),
  proficientPct: numeric(),
});

/**
 * One summary per year (oldest first) up to `toYear`, over the selected
 * campuses. Years without data for the selection are left out.
 */
export async function yearlySummary(
  sequelize: Sequelize,
  selection: CampusSelection,
  options: { toYear?: number } = {},
): Promise<YearSummary[]> {
  const input = parseInput(
    inputSchema,
    { selection, ...options },
    'yearlySummary',
  );
  const { where, replacements } = selectionCondition(input.selection);
  const yearLimit = input.toYear === undefined ? '' : 'AND e.year <= :toYear';
  const params = { ...replacements, toYear: input.toYear };

  const enrolments = await selectRows(
    sequelize,
    'yearlySummary',
    `SELECT e.year AS year, COUNT(*) AS campuses,
       SUM(e.students) AS enrolment,
       SUM(a.rate * e.students) / SUM(e.students) AS attendanceRate
     FROM schools s
     JOIN enrolments e ON e.school_id = s.school_id
     JOIN attendance a ON a.school_id = e.school_id AND a.year = e.year
     WHERE ${where} ${yearLimit}
     GROUP BY e.year ORDER BY e.year`,
    params,
    enrolmentRow,
  );

  const assessments = await selectRows(
    sequelize,
    'yearlySummary',
    `SELECT e.year AS year, e.domain AS domain,
       AVG(e.mean_score) AS meanScore, AVG(e.proficient_pct) AS proficientPct
     FROM schools s
     JOIN assessment_results e ON e.school_id = s.school_id
     WHERE ${where} ${yearLimit}
     GROUP BY e.year, e.domain`,
    params,
    assessmentRow,
  );

  return enrolments.map((row) => {
    const of = (domain: 'reading' | 'numeracy') =>
      assessments.find((a) => a.year === row.year && a.domain === domain);
    return {
      year: row.year,
      campuses: row.campuses,
      enrolment: row.enrolment,
      attendanceRate: hundredths(row.attendanceRate),
      readingMean: optionalHundredths(of('reading')?.meanScore),
      numeracyMean: optionalHundredths(of('numeracy')?.meanScore),
      readingProficientPct: optionalHundredths(of('reading')?.proficientPct),
      numeracyProficientPct: optionalHundredths(of('numeracy')?.proficientPct),
    };
  });
}

/**
 * Averages differ in their last digits between dialects (MySQL divides
 * DECIMALs exactly to four more places, SQLite in floating point); two
 * decimals are more than any report shows and the same on both.
 */
function hundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

function optionalHundredths(value: number | undefined): number | null {
  return value === undefined ? null : hundredths(value);
}
