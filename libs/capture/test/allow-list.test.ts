import { HostAllowList, HostNotAllowedError } from '@snapshots/quicksight-url';

import { CapturePool } from '../src';
import {
  startFixtureServer,
  type FixtureServer,
} from './fixtures/fixture-server';
import { recordingLogger } from './support/quiet-logger';
import { pngJob } from './support/report-target';

// Two servers: the allowed one serves the report, the other stands for any
// host a capture must never reach. The fixture page can be told to load a
// resource from elsewhere, which no report of ours does.
let allowed: FixtureServer;
let elsewhere: FixtureServer;
let pool: CapturePool;
const log = recordingLogger();

beforeAll(async () => {
  [allowed, elsewhere] = await Promise.all([
    startFixtureServer(),
    startFixtureServer(),
  ]);
  pool = await CapturePool.launch({
    slots: 1,
    allowList: new HostAllowList([allowed.url]),
    logger: log.logger,
  });
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await Promise.all([allowed?.stop(), elsewhere?.stop()]);
});

beforeEach(() => {
  elsewhere.requests.length = 0;
});

describe('the host allow-list', () => {
  it('refuses another host before waiting for a browser', async () => {
    const busy = pool.capture(
      pngJob(`${allowed.url}/embed/s/dashboards/a?fault=slow#p.School=s-1`, {
        School: ['s-1'],
      }),
    );

    // The only slot is busy; a refusal that waited for it would take 3 s.
    const started = Date.now();
    await expect(
      pool.capture(pngJob(`${elsewhere.url}/embed/s/dashboards/a?code=1`, {})),
    ).rejects.toThrow(HostNotAllowedError);
    expect(Date.now() - started).toBeLessThan(500);
    await busy;
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a provider’s URL on another host before navigating', async () => {
    const provider = jest.fn(() =>
      Promise.resolve(
        `${elsewhere.url}/embed/s/dashboards/a?code=1#p.School=s-1`,
      ),
    );

    const attempt = pool.capture(
      pngJob(provider, { School: ['s-1'] }, { session: 'dashboard-a' }),
    );

    await expect(attempt).rejects.toThrow(HostNotAllowedError);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a redirect to another host from inside the page', async () => {
    const target = encodeURIComponent(`${elsewhere.url}/embed/s/dashboards/a`);

    const attempt = pool.capture(
      pngJob(`${allowed.url}/embed/s/dashboards/redirect?to=${target}`, {}),
    );

    await expect(attempt).rejects.toThrow(HostNotAllowedError);
    expect(elsewhere.requests).toEqual([]);
  });

  it('blocks what the page itself loads from another host', async () => {
    const beacon = encodeURIComponent(`${elsewhere.url}/beacon.png`);

    const job = pngJob(
      `${allowed.url}/embed/s/dashboards/a?beacon=${beacon}#p.School=s-1`,
      { School: ['s-1'] },
    );

    const result = await pool.capture(job, { ids: { batchId: 'b-1' } });

    expect(result.body.length).toBeGreaterThan(1_000);
    expect(elsewhere.requests).toEqual([]);
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        message: 'request blocked',
        origin: elsewhere.url,
        snapshotId: job.snapshotId,
      }),
    );
    // The page's own console says so too, under the capture's ids.
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        message: 'browser console',
        snapshotId: job.snapshotId,
        batchId: 'b-1',
      }),
    );
  });

  it('lets the same page load from an allowed host', async () => {
    const beacon = encodeURIComponent(`${allowed.url}/beacon.png`);

    await pool.capture(
      pngJob(
        `${allowed.url}/embed/s/dashboards/a?beacon=${beacon}#p.School=s-2`,
        {
          School: ['s-2'],
        },
      ),
    );

    expect(allowed.requests).toContain('/beacon.png');
  });
});
