import type { Sequelize } from 'sequelize';
import { DatasetsError, DatasetsQueryError } from './datasets-error';
import { defineModels, type DatasetModels, type RegionRow } from './models';
import {
  campusMeasures,
  type CampusMeasures,
  type CampusMeasuresOptions,
} from './queries/campus-measures';
import {
  findRegions,
  findSchools,
  listCampuses,
  measureYears,
  type CampusListing,
  type CampusPage,
  type RegionInfo,
  type SchoolInfo,
} from './queries/catalogue';
import { dataEpoch, recordRefresh } from './queries/data-epoch';
import type { CampusSelection } from './queries/selection';
import { yearlySummary, type YearSummary } from './queries/yearly-summary';
import {
  seedDatasets,
  type SeedOptions,
  type SeedSummary,
} from './seed/seed-datasets';

/** The core datasets on one connection: models, loads and queries. */
export interface Datasets {
  readonly sequelize: Sequelize;
  readonly models: DatasetModels;
  readonly dialect: 'sqlite' | 'mysql';
  /** Creates missing tables and indexes; leaves existing ones alone. */
  sync(): Promise<void>;
  /** Replaces all data with generated data and moves the data epoch. */
  seed(options: SeedOptions): Promise<SeedSummary>;
  /** Marks the data as refreshed; returns the new epoch. */
  recordRefresh(label?: string): Promise<string>;
  /** Changes whenever the data is refreshed, and only then. */
  dataEpoch(): Promise<string>;
  listCampuses(page: CampusPage): Promise<CampusListing[]>;
  listRegions(): Promise<RegionRow[]>;
  findSchools(schoolIds: string[]): Promise<SchoolInfo[]>;
  findRegions(regionIds?: string[]): Promise<RegionInfo[]>;
  years(): Promise<number[]>;
  yearlySummary(
    selection: CampusSelection,
    options?: { toYear?: number },
  ): Promise<YearSummary[]>;
  campusMeasures(
    selection: CampusSelection,
    options: CampusMeasuresOptions,
  ): Promise<{ total: number; rows: CampusMeasures[] }>;
  close(): Promise<void>;
}

/**
 * Wraps a connection someone else opened (its owner closes it, unless it
 * calls `close()` here). Defines the models on it.
 */
export function createDatasets(sequelize: Sequelize): Datasets {
  const dialect = sequelize.getDialect();
  if (dialect !== 'sqlite' && dialect !== 'mysql' && dialect !== 'mariadb') {
    throw new DatasetsError(`unsupported dialect ${dialect}`);
  }
  const models = defineModels(sequelize);

  return {
    sequelize,
    models,
    dialect: dialect === 'sqlite' ? 'sqlite' : 'mysql',
    sync: () => guard('sync', () => sequelize.sync().then(() => undefined)),
    seed: (options) =>
      guard('seed', () => seedDatasets(sequelize, models, options)),
    recordRefresh: (label = 'refresh') => recordRefresh(models, label),
    dataEpoch: () => dataEpoch(models),
    listCampuses: (page) => listCampuses(sequelize, page),
    listRegions: () =>
      findRegions(sequelize).then((regions) =>
        regions.map(({ regionId, name }) => ({ regionId, name })),
      ),
    findSchools: (ids) => findSchools(sequelize, ids),
    findRegions: (ids) => findRegions(sequelize, ids),
    years: () => measureYears(sequelize),
    yearlySummary: (selection, options) =>
      yearlySummary(sequelize, selection, options),
    campusMeasures: (selection, options) =>
      campusMeasures(sequelize, selection, options),
    close: () => sequelize.close(),
  };
}

/** Translates ORM and driver errors into this library's family. */
async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DatasetsError) throw error;
    throw new DatasetsQueryError(operation, { cause: error });
  }
}
