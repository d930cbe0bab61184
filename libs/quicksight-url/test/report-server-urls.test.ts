import { openDatasets, type Datasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import {
  parseFragment,
  startReportServer,
  type RunningReportServer,
} from '@snapshots/report-server';

import { EmbedUrlError, ReportServerUrls } from '../src';

let datasets: Datasets;
let server: RunningReportServer;

beforeAll(async () => {
  datasets = await openDatasets('sqlite::memory:');
  await datasets.seed({ campuses: 3, seed: 3 });
  const logger = createLogger('report-server');
  logger.setLogLevel('ERROR');
  server = await startReportServer({ database: datasets.sequelize, logger });
});

afterAll(async () => {
  await server?.stop();
  await datasets?.close();
});

const parameters = { School: ['s-00001'], Region: ['[ALL]'] };

describe('ReportServerUrls', () => {
  it('builds a public embed URL the report server serves and reads', async () => {
    const urls = new ReportServerUrls({ baseUrl: `${server.url}/` });

    const url = await urls.embedUrl(
      { dashboardId: 'campus-overview' },
      {
        ...parameters,
        Note: ['a b&c=d#e'],
      },
    );

    expect(url).toBe(
      `${server.url}/embed/public/dashboards/campus-overview` +
        '?identityprovider=quicksight' +
        '#p.Note=a%20b%26c%3Dd%23e&p.Region=[ALL]&p.School=s-00001',
    );
    expect(parseFragment(new URL(url).hash)).toEqual({
      ...parameters,
      Note: ['a b&c=d#e'],
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
  });

  it('opens an embed session first when asked to, as with QuickSight', async () => {
    const urls = new ReportServerUrls({
      baseUrl: server.url,
      sessionTtlSeconds: 60,
      query: { fault: 'slow' },
    });

    const url = new URL(
      await urls.embedUrl({ dashboardId: 'trends' }, parameters),
    );

    expect(url.origin).toBe(server.url);
    expect(url.pathname).toMatch(/^\/embed\/[^/]+\/dashboards\/trends$/);
    expect(url.searchParams.get('fault')).toBe('slow');
    expect(url.hash).toBe('#p.Region=[ALL]&p.School=s-00001');
    expect((await fetch(url)).status).toBe(200);
  });

  it('carries the allowed domains into the session, as QuickSight does', async () => {
    const urls = new ReportServerUrls({
      baseUrl: server.url,
      sessionTtlSeconds: 60,
      allowedDomains: ['https://host.example.com'],
    });
    const url = await urls.embedUrl({ dashboardId: 'trends' }, parameters);
    // As the Embedding SDK adds it: the page's origin and `/`, punycoded.
    const embeddedBy = (origin: string) => {
      const frame = new URL(url);
      frame.searchParams.set('punyCodeEmbedOrigin', `${origin}/-`);
      return fetch(frame);
    };

    const allowed = await embeddedBy('https://host.example.com');
    const other = await embeddedBy('https://elsewhere.example.com');

    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-security-policy')).toBe(
      'frame-ancestors https://host.example.com',
    );
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('DOMAIN_NOT_ALLOWED');
    expect((await fetch(url)).status).toBe(403);
  });

  it('names one session per dashboard and query, whatever the values', () => {
    const urls = new ReportServerUrls({
      baseUrl: server.url,
      query: { fault: 'slow' },
    });
    const key = urls.sessionKey({ dashboardId: 'trends' });

    expect(key).toBe(urls.sessionKey({ dashboardId: 'trends' }));
    expect(key).not.toBe(urls.sessionKey({ dashboardId: 'campus-overview' }));
    expect(key).not.toBe(
      new ReportServerUrls({ baseUrl: server.url }).sessionKey({
        dashboardId: 'trends',
      }),
    );
  });

  it('says which dashboard it could not get a session for', async () => {
    const urls = new ReportServerUrls({
      baseUrl: server.url,
      sessionTtlSeconds: 60,
    });

    const attempt = urls.embedUrl({ dashboardId: 'no-such-report' }, {});

    await expect(attempt).rejects.toThrow(EmbedUrlError);
    await expect(attempt).rejects.toMatchObject({
      dashboardId: 'no-such-report',
    });
  });
});
