import { CapturePool } from '@snapshots/capture';
import { openDatasets, type Datasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import {
  HostAllowList,
  ReportServerUrls,
  type EmbedUrlSource,
} from '@snapshots/quicksight-url';
import {
  startReportServer,
  type RunningReportServer,
} from '@snapshots/report-server';
import { defaultCatalogue } from '@snapshots/reports';

import { CaptureRenderer } from '../src';
import { sampleJob } from '../src/testing/sample-job';
import { silentLogger } from '../src/testing/silent-logger';

/** A URL source that counts the embed URLs it makes. */
class CountingUrls implements EmbedUrlSource {
  made = 0;

  constructor(private readonly source: EmbedUrlSource) {}

  embedUrl(...args: Parameters<EmbedUrlSource['embedUrl']>) {
    this.made++;
    return this.source.embedUrl(...args);
  }

  sessionKey(...args: Parameters<EmbedUrlSource['sessionKey']>) {
    return this.source.sessionKey(...args);
  }
}

let datasets: Datasets;
let server: RunningReportServer;
let pool: CapturePool;

beforeAll(async () => {
  datasets = await openDatasets('sqlite::memory:');
  await datasets.seed({ campuses: 4, seed: 5 });
  const logger = createLogger('report-server');
  logger.setLogLevel('ERROR');
  server = await startReportServer({ database: datasets.sequelize, logger });
}, 60_000);

// One slot, as a worker's, and no warm page left by another test.
beforeEach(async () => {
  pool = await CapturePool.launch({
    slots: 1,
    allowList: new HostAllowList([server.url]),
    logger: silentLogger(),
  });
});

afterEach(async () => {
  await pool?.close();
});

afterAll(async () => {
  await server?.stop();
  await datasets?.close();
});

const render = (
  renderer: CaptureRenderer,
  school: string,
  reportId = 'campus-overview',
) =>
  renderer.render(sampleJob({ reportId, school }), {
    signal: new AbortController().signal,
    ids: { school },
  });

describe('CaptureRenderer', () => {
  it('fetches one embed URL for consecutive jobs of one report on one slot (each job used to open a fresh page)', async () => {
    // Session URLs carry their token in the path, as QuickSight's carry a
    // one-time code: the shape that used to defeat warm pages.
    const urls = new CountingUrls(
      new ReportServerUrls({ baseUrl: server.url, sessionTtlSeconds: 600 }),
    );
    const renderer = new CaptureRenderer({
      catalogue: defaultCatalogue,
      urls,
      pool,
    });

    const first = await render(renderer, 's-00001');
    const second = await render(renderer, 's-00002');

    expect(urls.made).toBe(1);
    expect(second.steps).not.toHaveProperty('open');
    expect(second.body.equals(first.body)).toBe(false);
  });

  it('asks for a new URL when the next job is for another report', async () => {
    const urls = new CountingUrls(
      new ReportServerUrls({ baseUrl: server.url, sessionTtlSeconds: 600 }),
    );
    const renderer = new CaptureRenderer({
      catalogue: defaultCatalogue,
      urls,
      pool,
    });

    await render(renderer, 's-00003', 'campus-overview');
    await render(renderer, 's-00003', 'trends');
    await render(renderer, 's-00004', 'trends');

    expect(urls.made).toBe(2);
  });
});
