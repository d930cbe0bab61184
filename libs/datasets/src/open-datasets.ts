import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as mysql2 from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { Sequelize } from 'sequelize';
import {
  defaultDatasetsUrl,
  parseDatasetsUrl,
  type DatasetsLocation,
} from './connection-url';
import { createDatasets, type Datasets } from './datasets';
import { DatasetsUnavailableError } from './datasets-error';

export interface OpenDatasetsOptions {
  /** MySQL only: create the database when it does not exist yet. */
  createDatabase?: boolean;
  /** Create missing tables (default true). */
  sync?: boolean;
}

/**
 * Opens the datasets at `url` (`sqlite:<path>`, `sqlite::memory:` or
 * `mysql://user:pass@host:port/db`; the default is a SQLite file in
 * `tmp/`), checks the connection and creates missing tables.
 *
 * @example
 * const datasets = await openDatasets('sqlite::memory:');
 * await datasets.seed({ campuses: 24 });
 */
export async function openDatasets(
  url: string = defaultDatasetsUrl(),
  options: OpenDatasetsOptions = {},
): Promise<Datasets> {
  const location = parseDatasetsUrl(url);
  if (location.dialect === 'mysql' && options.createDatabase) {
    await createMysqlDatabase(location);
  }

  const sequelize = await connect(location);
  const datasets = createDatasets(sequelize);
  if (options.sync ?? true) {
    try {
      await datasets.sync();
    } catch (error) {
      await sequelize.close();
      throw error;
    }
  }
  return datasets;
}

async function connect(location: DatasetsLocation): Promise<Sequelize> {
  let sequelize: Sequelize;
  if (location.dialect === 'sqlite') {
    if (location.storage !== ':memory:') {
      await mkdir(dirname(location.storage), { recursive: true });
    }
    sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: location.storage,
      logging: false,
    });
  } else {
    sequelize = new Sequelize(location.url, {
      dialect: 'mysql',
      // Sequelize would require('mysql2') by a name computed at run time,
      // which a bundler cannot follow: a Lambda bundle has no node_modules
      // to find it in. Handed over here, the driver is bundled.
      dialectModule: mysql2,
      logging: false,
      pool: { max: 5, min: 0, idle: 10_000 },
    });
  }

  try {
    await sequelize.authenticate();
  } catch (error) {
    await sequelize.close();
    throw new DatasetsUnavailableError(location.dialect, { cause: error });
  }
  return sequelize;
}

async function createMysqlDatabase(
  location: Extract<DatasetsLocation, { dialect: 'mysql' }>,
): Promise<void> {
  const server = new URL(location.url);
  server.pathname = '/';
  try {
    const connection = await createConnection({ uri: server.toString() });
    try {
      // The name was checked to be letters, digits and _ only.
      await connection.query(
        `CREATE DATABASE IF NOT EXISTS \`${location.database}\``,
      );
    } finally {
      await connection.end();
    }
  } catch (error) {
    throw new DatasetsUnavailableError('mysql', { cause: error });
  }
}
