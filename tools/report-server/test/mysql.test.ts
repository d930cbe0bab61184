import { openDatasets } from '@snapshots/datasets';
import { startReportServer, type RunningReportServer } from '../src';

const mysqlUrl = process.env['MYSQL_TEST_URL'];
if (!mysqlUrl) {
  console.warn(
    'MYSQL_TEST_URL is not set: skipping the report server tests on MySQL',
  );
}

/** This suite's own database, so that other suites do not race it. */
function ownDatabase(url: string): string {
  const own = new URL(url);
  own.pathname = `${own.pathname.replace(/^\//, '') || 'snapshots_test'}_report_server`;
  return own.toString();
}

(mysqlUrl ? describe : describe.skip)('report server on MySQL', () => {
  let server: RunningReportServer;

  beforeAll(async () => {
    const url = ownDatabase(mysqlUrl ?? '');
    // Creates the database; the server then opens it by URL.
    await (await openDatasets(url, { createDatabase: true })).close();
    server = await startReportServer({ database: url });
    await server.datasets.seed({ campuses: 12, seed: 9 });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('draws from MySQL with plain numbers', async () => {
    const answer = await fetch(
      `${server.url}/api/dashboards/campus-overview/visuals/kpi-attendance?p.School=s-00004`,
    );
    const body = (await answer.json()) as { value: unknown };
    const [latest] = (
      await server.datasets.yearlySummary({ schools: ['s-00004'] })
    ).slice(-1);

    expect(answer.status).toBe(200);
    expect(typeof body.value).toBe('number');
    expect(body.value).toBe(latest?.attendanceRate);
  });
});
