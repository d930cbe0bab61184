import { HostAllowList, ReportServerUrls } from '@snapshots/quicksight-url';

import { CapturePool, CaptureTimeoutError, ReportRenderError } from '../src';
import {
  startFixtureServer,
  type FixtureServer,
} from './fixtures/fixture-server';
import { recordingLogger } from './support/quiet-logger';
import {
  pngJob,
  startReportTarget,
  type ReportTarget,
} from './support/report-target';

// Every report opens in a host page that runs the QuickSight Embedding
// SDK, served by the pool at its host origin. `hostServer` stands at that
// origin: had anything there been fetched rather than answered by the
// pool, it would have seen it.
let target: ReportTarget;
let fixtures: FixtureServer;
let hostServer: FixtureServer;
let pool: CapturePool;
const log = recordingLogger();

beforeAll(async () => {
  [target, fixtures, hostServer] = await Promise.all([
    startReportTarget(),
    startFixtureServer(),
    startFixtureServer(),
  ]);
  pool = await CapturePool.launch({
    slots: 1,
    allowList: new HostAllowList([target.baseUrl, fixtures.url]),
    hostOrigin: hostServer.url,
    logger: log.logger,
  });
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await Promise.all([target?.stop(), fixtures?.stop(), hostServer?.stop()]);
});

const school = (id: string) => ({ School: [id] });

function sessionUrls(allowedDomains: string[]): ReportServerUrls {
  return new ReportServerUrls({
    baseUrl: target.baseUrl,
    sessionTtlSeconds: 60,
    allowedDomains,
  });
}

describe('the host page', () => {
  it('embeds the report through the Embedding SDK, at the host origin', async () => {
    const url = `${fixtures.url}/embed/s/dashboards/a?code=1#p.School=s-1`;

    const result = await pool.capture(pngJob(url, school('s-1')));

    expect(result.body.length).toBeGreaterThan(1_000);
    const opened = fixtures.requestUrls.find((path) =>
      path.startsWith('/embed/s/dashboards/a?'),
    );
    const query = new URL(opened ?? '/', fixtures.url).searchParams;
    // Only the SDK adds these: where it runs, its version, its context.
    expect(query.get('punyCodeEmbedOrigin')).toBe(`${hostServer.url}/-`);
    expect(query.get('sdkVersion')).toMatch(/^2\./);
    expect(query.get('contextId')).toMatch(/^[\w-]{36}$/);
    expect(fixtures.requests).toContain('/embed/s/embedControl');
  });

  it('hears only events the SDK routes: a report posting without a target is never ready', async () => {
    const url =
      `${fixtures.url}/embed/s/dashboards/a?untargeted=1` + '#p.School=s-1';

    const attempt = pool.capture(
      pngJob(url, school('s-1'), { timeoutMs: 2_000 }),
    );

    await expect(attempt).rejects.toThrow(CaptureTimeoutError);
    await expect(attempt).rejects.toMatchObject({ step: 'wait-ready' });
  });

  it('changes parameters in place through the SDK’s setParameters', async () => {
    const urls = sessionUrls([hostServer.url]);
    const report = { dashboardId: 'campus-overview' };
    const session = urls.sessionKey(report);
    const provider = jest.fn((parameters: Record<string, string[]>) =>
      urls.embedUrl(report, parameters),
    );
    const job = (id: string) =>
      pngJob(() => provider(school(id)), school(id), {
        session,
        expectedVisuals: target.expectedVisuals('campus-overview'),
      });

    const first = await pool.capture(job('s-00001'));
    const second = await pool.capture(job('s-00002'));

    expect(second.reusedPage).toBe(true);
    expect(second.steps).toHaveProperty('apply-parameters');
    expect(second.steps).not.toHaveProperty('open');
    // One embed URL, one session: the second school never reloaded it.
    expect(provider).toHaveBeenCalledTimes(1);
    expect(second.body.equals(first.body)).toBe(false);
  });

  it('embeds the report again when its frame does not answer setParameters', async () => {
    // The fixture's control frame is empty: the SDK waits 5 s for an
    // answer that never comes.
    const url = (id: string) =>
      `${fixtures.url}/embed/s/dashboards/mute?code=1#p.School=${id}`;
    await pool.capture(pngJob(url('s-1'), school('s-1')));
    fixtures.requests.length = 0;

    const result = await pool.capture(pngJob(url('s-2'), school('s-2')), {});

    expect(result.reusedPage).toBe(true);
    expect(result.steps['apply-parameters']).toBeGreaterThanOrEqual(5_000);
    expect(fixtures.requests).toContain('/embed/s/dashboards/mute');
  }, 30_000);

  it('is refused by a report whose allowed domains do not hold its origin', async () => {
    const urls = sessionUrls(['https://reports.example.com']);
    const url = await urls.embedUrl(
      { dashboardId: 'campus-overview' },
      school('s-00001'),
    );

    const attempt = pool.capture(pngJob(url, school('s-00001')));

    await expect(attempt).rejects.toThrow(ReportRenderError);
    await expect(attempt).rejects.toMatchObject({
      errorCode: 'DOMAIN_NOT_ALLOWED',
    });
  });

  it('fetches nothing outside the allow-list, its own origin included', async () => {
    const url = await target.url('campus-overview', school('s-00003'));
    const linesBefore = log.lines().length;

    await pool.capture(
      pngJob(url, school('s-00003'), {
        expectedVisuals: target.expectedVisuals('campus-overview'),
      }),
    );

    expect(hostServer.requests).toEqual([]);
    const blocked = log
      .lines()
      .slice(linesBefore)
      .filter((line) => line.message === 'request blocked');
    expect(blocked).toEqual([]);
  });
});
