import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import type { DatasetModels } from '../models';
import { parseInput } from '../parse-input';
import {
  generateCampusBatches,
  generateRegions,
  type CampusBatch,
  type SeedPlan,
} from './generate';
import { insertRows } from './insert-rows';

export const maxCampuses = 100_000;

const seedOptionsSchema = z
  .object({
    campuses: z.number().int().min(1).max(maxCampuses),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    years: z.number().int().min(1).max(20).default(5),
    lastYear: z.number().int().min(2000).max(2100).default(2024),
    regions: z.number().int().min(1).max(999).optional(),
  })
  .refine((o) => o.regions === undefined || o.regions <= o.campuses, {
    message: 'must not exceed campuses',
    path: ['regions'],
  });

export type SeedOptions = z.input<typeof seedOptionsSchema>;

export interface SeedSummary {
  campuses: number;
  regions: number;
  years: number[];
  seed: number;
  rows: {
    regions: number;
    schools: number;
    enrolments: number;
    attendance: number;
    assessmentResults: number;
  };
  durationMs: number;
}

/** Campuses generated and inserted together; bounds memory at any size. */
const campusesPerBatch = 500;

/** Child tables first, so that foreign keys never block a delete. */
const tablesInDeleteOrder = [
  'assessment_results',
  'attendance',
  'enrolments',
  'schools',
  'regions',
];

/**
 * Replaces the datasets with generated ones, in one transaction, and records
 * the load as a refresh (which moves the data epoch). Same options, same
 * rows, on any database.
 */
export async function seedDatasets(
  sequelize: Sequelize,
  models: DatasetModels,
  options: SeedOptions,
): Promise<SeedSummary> {
  const started = performance.now();
  const plan = planSeed(parseInput(seedOptionsSchema, options, 'seed'));

  const rows = await sequelize.transaction(async (transaction) => {
    for (const table of tablesInDeleteOrder) {
      await sequelize.query(`DELETE FROM ${table}`, { transaction });
    }
    const counts = await insertAll(sequelize, transaction, plan);
    await models.Refresh.create(
      {
        refreshedAt: new Date(),
        label: `seed campuses=${plan.campuses} seed=${plan.seed}`,
      },
      { transaction },
    );
    return counts;
  });

  return {
    campuses: plan.campuses,
    regions: plan.regions,
    years: plan.years,
    seed: plan.seed,
    rows,
    durationMs: Math.round(performance.now() - started),
  };
}

function planSeed(options: z.output<typeof seedOptionsSchema>): SeedPlan {
  // About six campuses a region, as in the 24-campus, 4-region demo.
  const regions =
    options.regions ??
    Math.min(
      options.campuses,
      200,
      Math.max(1, Math.round(options.campuses / 6)),
    );
  const firstYear = options.lastYear - options.years + 1;
  return {
    campuses: options.campuses,
    regions,
    seed: options.seed,
    years: Array.from({ length: options.years }, (_, i) => firstYear + i),
  };
}

async function insertAll(
  sequelize: Sequelize,
  transaction: Transaction,
  plan: SeedPlan,
): Promise<SeedSummary['rows']> {
  const regions = generateRegions(plan);
  await insertRows(
    sequelize,
    transaction,
    'regions',
    {
      region_id: 'regionId',
      name: 'name',
    },
    regions,
  );

  const rows = {
    regions: regions.length,
    schools: 0,
    enrolments: 0,
    attendance: 0,
    assessmentResults: 0,
  };
  for (const batch of generateCampusBatches(plan, campusesPerBatch)) {
    await insertBatch(sequelize, transaction, batch);
    rows.schools += batch.schools.length;
    rows.enrolments += batch.enrolments.length;
    rows.attendance += batch.attendance.length;
    rows.assessmentResults += batch.assessments.length;
  }
  return rows;
}

async function insertBatch(
  sequelize: Sequelize,
  transaction: Transaction,
  batch: CampusBatch,
): Promise<void> {
  await insertRows(
    sequelize,
    transaction,
    'schools',
    {
      school_id: 'schoolId',
      region_id: 'regionId',
      name: 'name',
      kind: 'kind',
    },
    batch.schools,
  );
  await insertRows(
    sequelize,
    transaction,
    'enrolments',
    {
      school_id: 'schoolId',
      year: 'year',
      students: 'students',
    },
    batch.enrolments,
  );
  await insertRows(
    sequelize,
    transaction,
    'attendance',
    {
      school_id: 'schoolId',
      year: 'year',
      rate: 'rate',
    },
    batch.attendance,
  );
  await insertRows(
    sequelize,
    transaction,
    'assessment_results',
    {
      school_id: 'schoolId',
      year: 'year',
      domain: 'domain',
      mean_score: 'meanScore',
      proficient_pct: 'proficientPct',
    },
    batch.assessments,
  );
}
