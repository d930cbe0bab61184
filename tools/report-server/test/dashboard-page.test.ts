import type { Browser, Page } from 'puppeteer-core';
import { faultTarget, dashboards } from '../src';
import {
  closePage,
  events,
  launchBrowser,
  openPage,
  text,
  visualStates,
  waitForEvent,
} from './support/browser';
import { serveHostPage } from './support/host-page';
import { useReportServer } from './support/use-report-server';

const server = useReportServer({ failingSchools: ['s-00005'] });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  page = await openPage(browser);
});
afterEach(async () => {
  await closePage(page);
});

const enrolmentTile = '[data-visual-id="kpi-enrolment"] .kpi-value';

async function latestEnrolment(schoolId: string): Promise<string> {
  const summary = await server().datasets.yearlySummary({
    schools: [schoolId],
  });
  return new Intl.NumberFormat('en-AU').format(summary.at(-1)?.enrolment ?? 0);
}

/** A fresh document each time: a goto that only changes the fragment would
 * not reload the page. */
async function open(path: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server().url}${path}`);
}

describe('a dashboard page', () => {
  it('shows each school its own numbers', async () => {
    await open('/dashboards/campus-overview#p.School=s-00001');
    const loaded = await waitForEvent(page, 'CONTENT_LOADED');
    const first = await text(page, enrolmentTile);

    await open('/dashboards/campus-overview#p.School=s-00002');
    await waitForEvent(page, 'CONTENT_LOADED');
    const second = await text(page, enrolmentTile);

    expect(loaded.message).toEqual({ visualCount: 7 });
    expect(first).toBe(await latestEnrolment('s-00001'));
    expect(second).toBe(await latestEnrolment('s-00002'));
    expect(second).not.toBe(first);
    expect(Object.values(await visualStates(page))).toEqual(
      Array(7).fill('ready'),
    );
    expect(await page.$$('.spinner')).toHaveLength(0);
    expect(await page.$$('canvas')).toHaveLength(2);
  });

  it('redraws in place on SET_PARAMETERS, without reloading', async () => {
    await open('/dashboards/campus-overview#p.School=s-00001');
    await waitForEvent(page, 'CONTENT_LOADED');
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same document';
      window.postMessage(
        {
          eventName: 'SET_PARAMETERS',
          message: [{ Name: 'School', Values: ['s-00003'] }],
        },
        '*',
      );
    });

    const changed = await waitForEvent(page, 'PARAMETERS_CHANGED');
    await waitForEvent(page, 'CONTENT_LOADED', 2);

    expect(changed.message).toEqual({
      changedParameters: [{ Name: 'School', Values: ['s-00003'] }],
    });
    expect(await text(page, enrolmentTile)).toBe(
      await latestEnrolment('s-00003'),
    );
    expect(await page.evaluate('window.marker')).toBe('same document');
    expect(await page.evaluate('location.hash')).toBe('#p.School=s-00003');
    expect(await page.evaluate('window.__dashboard.parameters')).toEqual({
      School: ['s-00003'],
    });
  });

  it('redraws in place when the fragment changes', async () => {
    await open('/dashboards/trends#p.School=s-00001&p.Measure=enrolment');
    await waitForEvent(page, 'CONTENT_LOADED');
    const before = await text(page, '[data-visual-id="year-table"] tbody');
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same document';
      location.hash = '#p.School=s-00004&p.Measure=enrolment&p.Year=2023';
    });

    const changed = await waitForEvent(page, 'PARAMETERS_CHANGED');
    await waitForEvent(page, 'CONTENT_LOADED', 2);
    const rows = await page.$$eval(
      '[data-visual-id="year-table"] tbody tr',
      (trs) => trs.map((tr) => tr.firstElementChild?.textContent),
    );

    expect(changed.message).toEqual({
      changedParameters: [
        { Name: 'School', Values: ['s-00004'] },
        { Name: 'Year', Values: ['2023'] },
      ],
    });
    expect(rows).toEqual(['2023', '2022', '2021', '2020']);
    expect(await text(page, '[data-visual-id="year-table"] tbody')).not.toBe(
      before,
    );
    expect(await page.evaluate('window.marker')).toBe('same document');
  });

  it('shows a region with [ALL] and lists of values', async () => {
    await open('/dashboards/region-summary#p.Region=r-001&p.Region=r-002');
    await waitForEvent(page, 'CONTENT_LOADED');
    const two = await text(page, '[data-visual-id="kpi-campuses"] .kpi-value');

    await open('/dashboards/region-summary#p.Region=[ALL]');
    const loaded = await waitForEvent(page, 'CONTENT_LOADED');
    const all = await text(page, '[data-visual-id="kpi-campuses"] .kpi-value');

    expect(two).toBe('12');
    expect(all).toBe('24');
    expect(loaded.message).toEqual({
      visualCount: dashboards.get('region-summary')?.visuals.length,
    });
  });

  it('tells its host its size', async () => {
    await open('/dashboards/campus-overview#p.School=s-00001');
    await waitForEvent(page, 'CONTENT_LOADED');
    const sizes = await events(page, 'SIZE_CHANGED');

    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.at(-1)?.message?.height).toBe(
      await page.evaluate('document.documentElement.scrollHeight'),
    );
  });

  it('posts its events to the window that embeds it', async () => {
    // The host lives on another origin, as an application embedding a
    // QuickSight dashboard does.
    const host = await serveHostPage(
      `${server().url}/dashboards/trends#p.School=s-00002`,
    );
    try {
      await page.goto(host.url);

      const loaded = await waitForEvent(page, 'CONTENT_LOADED');

      expect(loaded).toMatchObject({
        eventLevel: 'INFO',
        message: { visualCount: 5 },
      });
      expect(page.frames()).toHaveLength(2);
    } finally {
      await host.stop();
    }
  });
});

describe('bad input', () => {
  it('shows bad parameter values as an error state', async () => {
    await open('/dashboards/campus-overview#p.School=s-0000x');

    const error = await waitForEvent(page, 'ERROR_OCCURRED');

    expect(error).toMatchObject({
      eventLevel: 'ERROR',
      message: { errorCode: 'INVALID_PARAMETER' },
    });
    expect(await page.evaluate('window.__dashboard.state')).toBe('error');
    expect(await text(page, '[data-scope]')).toContain('s-0000x');
    expect((await fetch(`${server().url}/health`)).status).toBe(200);
  });

  it('answers an unknown dashboard with a 404 page that reports the error', async () => {
    const response = await page.goto(`${server().url}/dashboards/nope`);

    const error = await waitForEvent(page, 'ERROR_OCCURRED');

    expect(response?.status()).toBe(404);
    expect(error.message).toEqual({ errorCode: 'NOT_FOUND' });
    expect(await page.$('main[data-dashboard-id]')).toBeNull();
  });
});

describe('fault modes', () => {
  const overviewDefinition = dashboards.get('campus-overview');
  if (!overviewDefinition) throw new Error('campus-overview is not defined');
  const target = faultTarget(overviewDefinition);
  const overview = (fault: string, school = 's-00001') =>
    `/dashboards/campus-overview?fault=${fault}#p.School=${school}`;

  async function waitUntilOthersReady(): Promise<void> {
    await page.waitForFunction(
      (id) =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-visual-id]'))
          .filter((v) => v.dataset.visualId !== id)
          .every((v) => v.dataset.visualState === 'ready'),
      { polling: 50, timeout: 30_000 },
      target,
    );
  }

  it('slow: one visual keeps its spinner for about three seconds', async () => {
    const started = Date.now();
    await open(overview('slow'));
    await waitUntilOthersReady();

    const whileWaiting = await visualStates(page);
    const spinners = await page.$$(`[data-visual-id="${target}"] .spinner`);
    await waitForEvent(page, 'CONTENT_LOADED');

    expect(whileWaiting[target]).toBe('loading');
    expect(spinners).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect((await visualStates(page))[target]).toBe('ready');
  });

  it('never: one visual never loads and CONTENT_LOADED never comes', async () => {
    await open(overview('never'));
    await waitUntilOthersReady();
    await new Promise((resolve) => setTimeout(resolve, 4_000));

    expect((await visualStates(page))[target]).toBe('loading');
    expect(await page.$$(`[data-visual-id="${target}"] .spinner`)).toHaveLength(
      1,
    );
    expect(await events(page, 'CONTENT_LOADED')).toEqual([]);
    expect(await page.evaluate('window.__dashboard.state')).toBe('loading');
  });

  it('error: one visual fails and ERROR_OCCURRED names it', async () => {
    await open(overview('error'));

    const error = await waitForEvent(page, 'ERROR_OCCURRED');
    await waitUntilOthersReady();

    expect(error.message).toEqual({
      errorCode: 'VISUAL_ERROR',
      visualId: target,
    });
    expect((await visualStates(page))[target]).toBe('error');
    expect(await events(page, 'CONTENT_LOADED')).toEqual([]);
  });

  it('empty: nothing is drawn, yet CONTENT_LOADED says so', async () => {
    await open(overview('empty'));

    const loaded = await waitForEvent(page, 'CONTENT_LOADED');

    expect(loaded.message).toEqual({ visualCount: 0 });
    expect(await page.$$('[data-visual-id]')).toHaveLength(0);
    expect(await page.$eval('main', (main) => main.dataset.visualCount)).toBe(
      '0',
    );
  });

  it('failing schools: their visuals always fail', async () => {
    await open(overview('slow', 's-00005').replace('fault=slow', ''));
    const error = await waitForEvent(page, 'ERROR_OCCURRED');

    await open('/dashboards/campus-overview#p.School=s-00004');
    await waitForEvent(page, 'CONTENT_LOADED');

    expect(error.message).toEqual({
      errorCode: 'VISUAL_ERROR',
      visualId: target,
    });
  });

  it('broken: the dashboard always errors', async () => {
    await open('/dashboards/broken#p.School=s-00001');

    const error = await waitForEvent(page, 'ERROR_OCCURRED');

    expect(error.message).toMatchObject({ errorCode: 'VISUAL_ERROR' });
    expect(await events(page, 'CONTENT_LOADED')).toEqual([]);
  });

  it('crash: the tab crashes', async () => {
    // Its own browser: the crashed page is not reused.
    const crashing = await launchBrowser();
    try {
      const doomed = await openPage(crashing);
      const crashed = new Promise<string>((resolve) =>
        doomed.once('error', (error) => resolve(error.message)),
      );
      await doomed.goto(`${server().url}${overview('crash')}`);

      await expect(crashed).resolves.toMatch(/crashed/i);
    } finally {
      crashing.process()?.kill('SIGKILL');
    }
  }, 60_000);

  it('hang: the renderer stops answering', async () => {
    // Its own browser: a hung renderer is thrown away, not reused.
    const crashing = await launchBrowser();
    try {
      const hung = await openPage(crashing);
      await hung.goto(`${server().url}${overview('hang')}`);

      // The hang starts just after the page's script runs; until then the
      // page may still answer, so ask a few times.
      let answer = 'answered';
      for (let attempt = 0; attempt < 10 && answer === 'answered'; attempt++) {
        answer = await Promise.race([
          hung.evaluate('document.title').then(() => 'answered'),
          new Promise<string>((resolve) => setTimeout(resolve, 3_000, 'hung')),
        ]);
      }

      expect(answer).toBe('hung');
    } finally {
      crashing.process()?.kill('SIGKILL');
    }
  });
});

describe('embed sessions', () => {
  async function embedUrl(dashboardId: string, ttlSeconds: number) {
    const response = await fetch(`${server().url}/sessions`, {
      method: 'POST',
      body: JSON.stringify({ dashboardId, ttlSeconds }),
    });
    return ((await response.json()) as { embedUrl: string }).embedUrl;
  }

  it('draws the dashboard while the session lasts', async () => {
    await page.goto(
      `${await embedUrl('campus-overview', 600)}#p.School=s-00002`,
    );

    await waitForEvent(page, 'CONTENT_LOADED');

    expect(await text(page, enrolmentTile)).toBe(
      await latestEnrolment('s-00002'),
    );
  });

  it('shows an error and posts SESSION_EXPIRED when it runs out', async () => {
    await page.goto(`${await embedUrl('campus-overview', 1)}#p.School=s-00002`);

    const error = await waitForEvent(page, 'ERROR_OCCURRED');

    expect(error.message).toEqual({ errorCode: 'SESSION_EXPIRED' });
    expect(await page.evaluate('window.__dashboard.state')).toBe('error');
  });
});
