import { parseArgs } from 'node:util';
import { defaultDatasetsUrl, redactUrl as redact } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { startReportServer } from './start-report-server';

/**
 * `report-server [--database URL] [--port N] [--seed CAMPUSES]
 * [--failing-school ID]...`: serves the dashboards until SIGINT or SIGTERM
 * and prints its URL on the first line. `--seed` loads generated data
 * first (needed for `sqlite::memory:`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: defaultDatasetsUrl() },
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      'failing-school': { type: 'string', multiple: true, default: [] },
    },
  });

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, not ${values.port}`);
  }
  const campuses = values.seed === undefined ? undefined : Number(values.seed);
  if (campuses !== undefined && !Number.isInteger(campuses)) {
    throw new Error(`--seed must be a number of campuses, not ${values.seed}`);
  }

  const server = await startReportServer({
    database: values.database,
    port,
    failingSchools: values['failing-school'],
  });
  if (campuses !== undefined) await server.datasets.seed({ campuses });
  process.stdout.write(`${server.url}\n`);
  createLogger('report-server').info('report server started', {
    url: server.url,
    database: redact(values.database),
  });

  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`report-server: ${String(error)}\n`);
  process.exit(1);
});
