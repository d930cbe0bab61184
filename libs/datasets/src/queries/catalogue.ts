import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { schoolKinds, type SchoolKind } from '../models';
import { parseInput } from '../parse-input';
import { numeric, selectRows } from './run-query';

/** A campus as the batch planner walks it. */
export interface CampusListing {
  schoolId: string;
  regionId: string;
  name: string;
}

export interface SchoolInfo extends CampusListing {
  kind: SchoolKind;
  regionName: string;
}

export interface RegionInfo {
  regionId: string;
  name: string;
  campuses: number;
}

const pageSchema = z.object({
  limit: z.number().int().min(1).max(10_000),
  afterSchoolId: z.string().min(1).optional(),
});

export type CampusPage = z.input<typeof pageSchema>;

const idsSchema = z.array(z.string().min(1)).max(10_000);

/**
 * Campuses in school id order, `limit` after `afterSchoolId`: keyset
 * pagination, so each page costs one index range scan however deep the
 * walk. Pass the last id of a page to get the next; an empty page ends it.
 *
 * @example
 * let page = await listCampuses(db, { limit: 1000 });
 * while (page.length > 0) {
 *   // ...
 *   page = await listCampuses(db, { limit: 1000,
 *     afterSchoolId: page[page.length - 1].schoolId });
 * }
 */
export async function listCampuses(
  sequelize: Sequelize,
  page: CampusPage,
): Promise<CampusListing[]> {
  const input = parseInput(pageSchema, page, 'listCampuses');
  const after =
    input.afterSchoolId === undefined ? '' : 'WHERE school_id > :after';

  return selectRows(
    sequelize,
    'listCampuses',
    `SELECT school_id AS schoolId, region_id AS regionId, name
     FROM schools ${after} ORDER BY school_id LIMIT :limit`,
    { after: input.afterSchoolId, limit: input.limit },
    z.object({ schoolId: z.string(), regionId: z.string(), name: z.string() }),
  );
}

/** The named schools that exist, with their region; in id order. */
export async function findSchools(
  sequelize: Sequelize,
  schoolIds: string[],
): Promise<SchoolInfo[]> {
  const ids = parseInput(idsSchema, schoolIds, 'findSchools');
  if (ids.length === 0) return [];

  return selectRows(
    sequelize,
    'findSchools',
    `SELECT s.school_id AS schoolId, s.region_id AS regionId, s.name AS name,
       s.kind AS kind, r.name AS regionName
     FROM schools s JOIN regions r ON r.region_id = s.region_id
     WHERE s.school_id IN (:ids) ORDER BY s.school_id`,
    { ids },
    z.object({
      schoolId: z.string(),
      regionId: z.string(),
      name: z.string(),
      kind: z.enum(schoolKinds),
      regionName: z.string(),
    }),
  );
}

/** Regions with how many campuses each has; all of them without ids. */
export async function findRegions(
  sequelize: Sequelize,
  regionIds?: string[],
): Promise<RegionInfo[]> {
  const ids =
    regionIds === undefined
      ? undefined
      : parseInput(idsSchema, regionIds, 'findRegions');
  if (ids?.length === 0) return [];
  const where = ids === undefined ? '' : 'WHERE r.region_id IN (:ids)';

  return selectRows(
    sequelize,
    'findRegions',
    `SELECT r.region_id AS regionId, r.name AS name,
       COUNT(s.school_id) AS campuses
     FROM regions r LEFT JOIN schools s ON s.region_id = r.region_id
     ${where}
     GROUP BY r.region_id, r.name ORDER BY r.region_id`,
    { ids },
    z.object({ regionId: z.string(), name: z.string(), campuses: numeric() }),
  );
}

/** The years the datasets hold measures for, oldest first. */
export async function measureYears(sequelize: Sequelize): Promise<number[]> {
  const rows = await selectRows(
    sequelize,
    'measureYears',
    'SELECT DISTINCT year FROM enrolments ORDER BY year',
    {},
    z.object({ year: numeric() }),
  );
  return rows.map((row) => row.year);
}
