import { BrowserNotFoundError, CaptureAbortedError, CapturePool } from '../src';

import {
  browserPid,
  chromiumProcesses,
  rendererPids,
} from './support/browser-processes';
import { recordingLogger } from './support/quiet-logger';
import {
  pngJob,
  startReportTarget,
  type ReportTarget,
} from './support/report-target';

let target: ReportTarget;

beforeAll(async () => {
  target = await startReportTarget();
});

afterAll(async () => {
  await target?.stop();
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function campusJob(school: string, fault?: string) {
  const parameters = { School: [school] };
  const url = await target.url('campus-overview', parameters, fault);
  return pngJob(url, parameters, {
    expectedVisuals: target.expectedVisuals('campus-overview'),
  });
}

describe('the browser behind the pool', () => {
  it('names CHROME_PATH and how to install Chromium when there is none', async () => {
    const launch = CapturePool.launch({
      slots: 1,
      chromePath: '/nowhere/chromium',
      allowList: target.allowList,
      logger: recordingLogger().logger,
    });

    await expect(launch).rejects.toThrow(BrowserNotFoundError);
    await expect(launch).rejects.toThrow(/CHROME_PATH/);
    await expect(launch).rejects.toThrow(/apt-get install chromium/);
  });

  it('relaunches a killed browser and captures again', async () => {
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: recordingLogger().logger,
    });
    try {
      const firstBrowser = browserPid();
      if (firstBrowser === undefined) throw new Error('no browser found');

      // The slow visual keeps the capture busy while the browser dies.
      const capture = pool.capture(await campusJob('s-00001', 'slow'));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.kill(firstBrowser, 'SIGKILL');
      const result = await capture;

      expect(result.attempts).toBe(2);
      expect(pool.stats).toMatchObject({ retries: 1, browserLaunches: 2 });
      expect(browserPid()).not.toBe(firstBrowser);
      const next = await pool.capture(await campusJob('s-00002'));
      expect(next.attempts).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('retries in a fresh context when the tab crashes', async () => {
    const log = recordingLogger();
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: log.logger,
    });
    try {
      const capture = pool.capture(await campusJob('s-00001', 'slow'));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const renderers = rendererPids();
      expect(renderers.length).toBeGreaterThan(0);
      for (const pid of renderers) process.kill(pid, 'SIGKILL');
      const result = await capture;

      expect(result.attempts).toBe(2);
      expect(pool.stats).toMatchObject({ retries: 1, browserLaunches: 1 });
      expect(log.lines()).toContainEqual(
        expect.objectContaining({
          message: 'capture retried after crash',
          reason: 'page crashed',
        }),
      );
    } finally {
      await pool.close();
    }
  });

  it('leaves no Chromium process behind when closed', async () => {
    const pool = await CapturePool.launch({
      slots: 2,
      allowList: target.allowList,
      logger: recordingLogger().logger,
    });
    await Promise.all([
      pool.capture(await campusJob('s-00001')),
      pool.capture(await campusJob('s-00002')),
    ]);
    expect(chromiumProcesses().length).toBeGreaterThan(1);

    await pool.close();

    expect(chromiumProcesses()).toEqual([]);
  });

  it('runs one capture per slot at the same time', async () => {
    const pool = await CapturePool.launch({
      slots: 2,
      allowList: target.allowList,
      logger: recordingLogger().logger,
    });
    try {
      const started = Date.now();
      // Each takes over 3 s; one after the other would take over 6 s.
      const results = await Promise.all([
        pool.capture(await campusJob('s-00001', 'slow')),
        pool.capture(await campusJob('s-00002', 'slow')),
      ]);

      expect(results).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      await pool.close();
    }
  });

  it('replaces the browser after the captures it may serve', async () => {
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: recordingLogger().logger,
      recycleAfter: 2,
    });
    try {
      for (const school of ['s-00001', 's-00002', 's-00003']) {
        await pool.capture(await campusJob(school));
      }

      expect(pool.stats).toMatchObject({ recycles: 1, browserLaunches: 2 });
    } finally {
      await pool.close();
    }
  });

  it('counts captures afresh for a browser relaunched after a crash', async () => {
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: recordingLogger().logger,
      recycleAfter: 3,
    });
    try {
      await pool.capture(await campusJob('s-00001'));
      await pool.capture(await campusJob('s-00002'));
      const crashed = browserPid();
      if (crashed === undefined) throw new Error('no browser found');
      process.kill(crashed, 'SIGKILL');
      await until(() => !chromiumProcesses().some((p) => p.pid === crashed));

      // Two captures on the new browser: one short of its recycling,
      // however many the crashed one had served.
      await pool.capture(await campusJob('s-00003'));
      await pool.capture(await campusJob('s-00004'));

      expect(pool.stats).toMatchObject({ browserLaunches: 2, recycles: 0 });
      // The third is its last; the next capture waits for its successor.
      await pool.capture(await campusJob('s-00005'));
      await pool.capture(await campusJob('s-00006'));
      expect(pool.stats).toMatchObject({ browserLaunches: 3, recycles: 1 });
    } finally {
      await pool.close();
    }
  });

  it('replaces a browser that grew past the memory ceiling', async () => {
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: recordingLogger().logger,
      // Any browser is bigger than this.
      memoryCeilingMb: 1,
    });
    try {
      await pool.capture(await campusJob('s-00001'));
      await pool.capture(await campusJob('s-00002'));

      expect(pool.stats.recycles).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });

  it('stops a capture its caller gives up on', async () => {
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: target.allowList,
      logger: recordingLogger().logger,
    });
    try {
      const caller = new AbortController();
      const capture = pool.capture(await campusJob('s-00001', 'never'), {
        signal: caller.signal,
      });
      setTimeout(() => caller.abort(), 500);

      await expect(capture).rejects.toThrow(CaptureAbortedError);
    } finally {
      await pool.close();
    }
  });
});
