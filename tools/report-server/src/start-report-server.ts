import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDatasets,
  openDatasets,
  type Datasets,
} from '@snapshots/datasets';
import { createLogger, type Logger } from '@snapshots/logging';
import type { Sequelize } from 'sequelize';
import { handleRequest } from './http/router';
import { AssetStore } from './page/assets';
import { ReportServerError } from './report-server-error';
import type { ServerContext } from './server-context';
import { SessionRegistry } from './sessions';

export interface ReportServerOptions {
  /** A connection to use (its owner closes it) or a datasets URL to open. */
  database: Sequelize | string;
  /** 0 or absent: any free port. Always on 127.0.0.1. */
  port?: number;
  /** Schools whose visuals always fail, as with the `error` fault. */
  failingSchools?: string[];
  logger?: Logger;
}

export interface RunningReportServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  datasets: Datasets;
  stop(): Promise<void>;
}

/**
 * Starts the report server: dashboards rendered from the datasets, read
 * and driven the way QuickSight embedded dashboards are.
 *
 * @example
 * const server = await startReportServer({ database: 'sqlite::memory:' });
 * await server.datasets.seed({ campuses: 24 });
 * // open `${server.url}/dashboards/campus-overview#p.School=s-00001`
 * await server.stop();
 */
export async function startReportServer(
  options: ReportServerOptions,
): Promise<RunningReportServer> {
  const ownsDatasets = typeof options.database === 'string';
  const datasets =
    typeof options.database === 'string'
      ? await openDatasets(options.database)
      : createDatasets(options.database);
  if (!ownsDatasets) await datasets.sync();

  const stopping = new AbortController();
  const logger = options.logger ?? createLogger('report-server');
  const context: ServerContext = {
    datasets,
    sessions: new SessionRegistry(),
    assets: new AssetStore(),
    failingSchools: new Set(options.failingSchools ?? []),
    logger,
    stopping: stopping.signal,
  };

  let origin = '';
  const server = createServer((request, response) => {
    void handleRequest(context, request, response, origin);
  });
  try {
    origin = await listen(server, options.port ?? 0);
  } catch (error) {
    if (ownsDatasets) await datasets.close();
    throw new ReportServerError('cannot start the report server', {
      cause: error,
    });
  }

  return {
    url: origin,
    datasets,
    stop: async () => {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDatasets) await datasets.close();
    },
  };
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}
