import {
  startReportServer,
  type ReportServerOptions,
  type RunningReportServer,
} from '../../src';

/**
 * Starts a report server on seeded in-memory datasets for the tests of one
 * file, and stops it after them.
 */
export function useReportServer(
  options: Partial<ReportServerOptions> = {},
  campuses = 24,
): () => RunningReportServer {
  let server: RunningReportServer | undefined;

  beforeAll(async () => {
    server = await startReportServer({
      database: 'sqlite::memory:',
      ...options,
    });
    await server.datasets.seed({ campuses, seed: 42 });
  });

  afterAll(async () => {
    await server?.stop();
  });

  return () => {
    if (!server) throw new Error('the report server has not started');
    return server;
  };
}
