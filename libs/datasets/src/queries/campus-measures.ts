import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { schoolKinds } from '../models';
import { parseInput } from '../parse-input';
import { numeric, selectRows } from './run-query';
import {
  campusSelectionSchema,
  selectionCondition,
  type CampusSelection,
} from './selection';

/** One campus's measures in one year. */
export interface CampusMeasures {
  schoolId: string;
  name: string;
  regionId: string;
  kind: (typeof schoolKinds)[number];
  year: number;
  enrolment: number;
  attendanceRate: number;
  readingMean: number;
  numeracyMean: number;
}

const inputSchema = z.object({
  selection: campusSelectionSchema,
  year: z.number().int(),
  orderBy: z.enum(['name', 'enrolment']).default('name'),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export type CampusMeasuresOptions = Omit<
  z.input<typeof inputSchema>,
  'selection'
>;

const row = z.object({
  schoolId: z.string(),
  name: z.string(),
  regionId: z.string(),
  kind: z.enum(schoolKinds),
  year: numeric(),
  enrolment: numeric(),
  attendanceRate: numeric(),
  readingMean: numeric(),
  numeracyMean: numeric(),
});

const order = {
  name: 's.name, s.school_id',
  enrolment: 'e.students DESC, s.school_id',
} as const;

/**
 * A page of the selected campuses with their measures for `year`, and how
 * many campuses the selection holds in all.
 */
export async function campusMeasures(
  sequelize: Sequelize,
  selection: CampusSelection,
  options: CampusMeasuresOptions,
): Promise<{ total: number; rows: CampusMeasures[] }> {
  const input = parseInput(
    inputSchema,
    { selection, ...options },
    'campusMeasures',
  );
  const { where, replacements } = selectionCondition(input.selection);

  const [count] = await selectRows(
    sequelize,
    'campusMeasures',
    `SELECT COUNT(*) AS total FROM schools s WHERE ${where}`,
    replacements,
    z.object({ total: numeric() }),
  );

  const rows = await selectRows(
    sequelize,
    'campusMeasures',
    `SELECT s.school_id AS schoolId, s.name AS name,
       s.region_id AS regionId, s.kind AS kind, e.year AS year,
       e.students AS enrolment, a.rate AS attendanceRate,
       rd.mean_score AS readingMean, nm.mean_score AS numeracyMean
     FROM schools s
     JOIN enrolments e ON e.school_id = s.school_id AND e.year = :year
     JOIN attendance a ON a.school_id = s.school_id AND a.year = :year
     JOIN assessment_results rd ON rd.school_id = s.school_id
       AND rd.year = :year AND rd.domain = 'reading'
     JOIN assessment_results nm ON nm.school_id = s.school_id
       AND nm.year = :year AND nm.domain = 'numeracy'
     WHERE ${where}
     ORDER BY ${order[input.orderBy]}
     LIMIT :limit OFFSET :offset`,
    {
      ...replacements,
      year: input.year,
      limit: input.limit,
      offset: input.offset,
    },
    row,
  );

  return { total: count?.total ?? 0, rows };
}
