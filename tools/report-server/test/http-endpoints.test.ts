import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { dashboards } from '../src';
import type { ErrorBody } from '../src/visual-payload';
import { useReportServer } from './support/use-report-server';

const server = useReportServer();

/** Any answer of the JSON endpoints, loosely: tests check the fields. */
interface Answer {
  kind?: string;
  value?: number | null;
  embedUrl?: string;
  error?: ErrorBody['error'];
}

async function getJson(path: string) {
  const response = await fetch(`${server().url}${path}`);
  return { status: response.status, body: (await response.json()) as Answer };
}

describe('visual data endpoint', () => {
  it('answers each school with its own numbers, as the datasets have them', async () => {
    const path = '/api/dashboards/campus-overview/visuals/kpi-enrolment';
    const first = await getJson(`${path}?p.School=s-00001`);
    const second = await getJson(`${path}?p.School=s-00002`);
    const [expected] = (
      await server().datasets.yearlySummary({ schools: ['s-00001'] })
    ).slice(-1);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      kind: 'kpi',
      value: expected?.enrolment,
    });
    expect(second.body.value).not.toBe(first.body.value);
  });

  it('answers every visual of every dashboard that works', async () => {
    for (const dashboard of dashboards.values()) {
      if (dashboard.alwaysFails) continue;
      const parameters =
        dashboard.scope === 'region' ? 'p.Region=r-002' : 'p.School=s-00003';
      for (const visual of dashboard.visuals) {
        const { status, body } = await getJson(
          `/api/dashboards/${dashboard.dashboardId}/visuals/${visual.visualId}?${parameters}`,
        );

        expect({ visual: visual.visualId, status, kind: body.kind }).toEqual({
          visual: visual.visualId,
          status: 200,
          kind: visual.kind,
        });
      }
    }
  });

  it('lists every bad parameter with its name', async () => {
    const { status, body } = await getJson(
      '/api/dashboards/trends/visuals/year-table' +
        '?p.School=s-1&p.Measure=height&p.Year=2020&p.Year=2021',
    );

    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID_PARAMETER');
    expect(body.error?.details.map((d) => d.path)).toEqual([
      'School',
      'Measure',
      'Year',
    ]);
  });

  it('says which schools, regions and years do not exist', async () => {
    const { status, body } = await getJson(
      '/api/dashboards/campus-overview/visuals/year-table' +
        '?p.School=s-00001&p.School=s-09999&p.Region=r-077',
    );
    const trends = await getJson(
      '/api/dashboards/trends/scope?p.School=s-00001&p.Year=1999',
    );

    expect(status).toBe(400);
    expect(body.error?.message).toBe(
      'School unknown: s-09999; Region unknown: r-077',
    );
    expect(trends.body.error?.details).toEqual([
      { path: 'Year', message: 'no data for 1999' },
    ]);
  });

  it('requires the scope parameter and reads [ALL] as every campus', async () => {
    const missing = await getJson('/api/dashboards/region-summary/scope');
    const all = await getJson(
      '/api/dashboards/region-summary/visuals/kpi-campuses?p.Region=[ALL]',
    );

    expect(missing.body.error?.details).toEqual([
      { path: 'Region', message: 'is required' },
    ]);
    expect(all.body.value).toBe(24);
  });

  it('answers 404 for unknown dashboards and visuals, 400 for a bad fault', async () => {
    expect((await getJson('/api/dashboards/nope/scope')).status).toBe(404);
    expect(
      (await getJson('/api/dashboards/trends/visuals/nope?p.School=s-00001'))
        .status,
    ).toBe(404);
    const fault = await getJson(
      '/api/dashboards/trends/scope?p.School=s-00001&fault=melt',
    );
    expect(fault.status).toBe(400);
    expect(fault.body.error?.details[0]?.path).toBe('fault');
    expect((await getJson('/api/dashboards/%E0%A4%A/scope')).status).toBe(400);
  });

  it('fails every visual of the broken dashboard', async () => {
    const { status, body } = await getJson(
      '/api/dashboards/broken/visuals/kpi-enrolment?p.School=s-00001',
    );

    expect(status).toBe(500);
    expect(body.error?.code).toBe('VISUAL_ERROR');
  });
});

describe('pages', () => {
  it('answers an unknown dashboard with a 404 page that is not a report', async () => {
    const response = await fetch(`${server().url}/dashboards/nope`);
    const html = await response.text();

    expect(response.status).toBe(404);
    expect(html).toContain('data-error-code="NOT_FOUND"');
    expect(html).not.toContain('data-dashboard-id');
  });

  it('loads every script from the server itself', async () => {
    const html = await (
      await fetch(`${server().url}/dashboards/campus-overview`)
    ).text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1],
    );

    expect(sources).toEqual([
      '/assets/dashboard.css',
      '/assets/chart.umd.min.js',
      '/assets/dashboard.js',
    ]);
  });

  it('serves Chart.js from node_modules', async () => {
    const served = Buffer.from(
      await (
        await fetch(`${server().url}/assets/chart.umd.min.js`)
      ).arrayBuffer(),
    );
    const file = await readFile(
      join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
    );

    expect(served.equals(file)).toBe(true);
  });
});

describe('sessions', () => {
  async function createSession(body: unknown) {
    const response = await fetch(`${server().url}/sessions`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  it('hands out an embed URL for a dashboard', async () => {
    const { status, body } = await createSession({
      dashboardId: 'trends',
      ttlSeconds: 60,
    });

    expect(status).toBe(201);
    expect(body.embedUrl).toMatch(
      new RegExp(
        `^${server().url}/embed/[\\w-]+/dashboards/trends` +
          '\\?identityprovider=quicksight$',
      ),
    );
    expect((await fetch(body.embedUrl ?? '')).status).toBe(200);
  });

  it('refuses data and pages once the session has expired', async () => {
    const { body } = await createSession({
      dashboardId: 'campus-overview',
      ttlSeconds: 1,
    });
    const token = new URL(body.embedUrl ?? '').pathname.split('/')[2];
    await delay(1_200);

    const data = await getJson(
      `/api/dashboards/campus-overview/scope?p.School=s-00001&session=${token}`,
    );
    const page = await fetch(body.embedUrl ?? '');

    expect(data.status).toBe(401);
    expect(data.body.error?.code).toBe('SESSION_EXPIRED');
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('data-error-code="SESSION_EXPIRED"');
  });

  it.each([
    [{ dashboardId: 'trends', ttlSeconds: 0 }, 400, 'ttlSeconds'],
    [{ ttlSeconds: 10 }, 400, 'dashboardId'],
    [{ dashboardId: 'nope' }, 404, undefined],
    [{ dashboardId: 'trends', allowedDomains: ['*'] }, 400, 'allowedDomains'],
    [{ dashboardId: 'trends', allowedDomains: [] }, 400, 'allowedDomains'],
  ])('rejects %j', async (request, status, path) => {
    const answer = await createSession(request);

    expect(answer.status).toBe(status);
    expect(answer.body.error?.details[0]?.path).toBe(path);
  });

  it('serves the Embedding SDK its control frame', async () => {
    const { body } = await createSession({ dashboardId: 'trends' });
    const session = new URL(body.embedUrl ?? '').pathname.split('/')[2];

    const control = await fetch(
      `${server().url}/embed/${session}/embedControl?contextId=c-1`,
    );
    const script = await fetch(`${server().url}/assets/embed-control.js`);

    expect(control.status).toBe(200);
    expect(await control.text()).toContain('/assets/embed-control.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('BroadcastChannel');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${server().url}/sessions`, {
      method: 'POST',
      body: '{',
    });

    expect(response.status).toBe(400);
  });
});
