import { PNG } from 'pngjs';
import { withParameterFragment } from '@snapshots/quicksight-url';

import {
  BlankCaptureError,
  BrowserCrashedError,
  CapturePool,
  CaptureTimeoutError,
  IncompleteCaptureError,
  ReportRenderError,
} from '../src';

import { recordingLogger } from './support/quiet-logger';
import {
  FAILING_SCHOOL,
  pngJob,
  startReportTarget,
  type ReportTarget,
} from './support/report-target';

// One browser for the whole file keeps the suite within minutes on a
// small, shared machine.
let target: ReportTarget;
let pool: CapturePool;
const log = recordingLogger();

beforeAll(async () => {
  target = await startReportTarget();
  pool = await CapturePool.launch({
    slots: 2,
    allowList: target.allowList,
    logger: log.logger,
  });
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await target?.stop();
});

const campus = (school: string) => ({ School: [school] });

async function capture(school: string, fault?: string, timeoutMs = 20_000) {
  const url = await target.url('campus-overview', campus(school), fault);
  return pool.capture(
    pngJob(url, campus(school), {
      expectedVisuals: target.expectedVisuals('campus-overview'),
      timeoutMs,
    }),
  );
}

describe('capturing a report', () => {
  it('gives different pictures for different parameters', async () => {
    const first = await capture('s-00001');
    const second = await capture('s-00002');
    const firstAgain = await capture('s-00001');

    expect(first.contentType).toBe('image/png');
    expect(first.body.equals(second.body)).toBe(false);
    expect(firstAgain.body.equals(first.body)).toBe(true);
    expect(Object.keys(first.steps)).toEqual(
      expect.arrayContaining(['wait-ready', 'capture', 'check']),
    );
  });

  it('changes parameters in place on a page that stays open', async () => {
    await capture('s-00003');
    const changed = await capture('s-00004');

    expect(changed.reusedPage).toBe(true);
    expect(changed.steps['apply-parameters']).toBeDefined();
    expect(changed.steps.open).toBeUndefined();
  });

  it('captures the full page at the device scale factor', async () => {
    const url = await target.url('campus-overview', campus('s-00001'));
    const result = await pool.capture(
      pngJob(url, campus('s-00001'), {
        expectedVisuals: target.expectedVisuals('campus-overview'),
        png: { width: 600, height: 400, deviceScaleFactor: 2, fullPage: true },
      }),
    );

    const image = PNG.sync.read(result.body);
    expect(image.width).toBe(1200);
    expect(image.height).toBeGreaterThan(800);
  });

  it('prints a PDF in the page size and orientation asked for', async () => {
    const url = await target.url('campus-overview', campus('s-00001'));
    const result = await pool.capture({
      ...pngJob(url, campus('s-00001')),
      expectedVisuals: target.expectedVisuals('campus-overview'),
      format: 'pdf',
      pdf: { pageSize: 'A4', landscape: true },
    });

    expect(result.contentType).toBe('application/pdf');
    expect(result.body.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 landscape: 842 x 595 points.
    expect(result.body.toString('latin1')).toMatch(
      /\/MediaBox \[0 0 841\.\d+ 595\.\d+\]/,
    );
  });
});

describe('a report that does not render well', () => {
  it('waits for a slow visual instead of capturing its spinner', async () => {
    const result = await capture('s-00001', 'slow');

    expect(result.steps['wait-ready']).toBeGreaterThan(2_000);
  });

  it('times out in the wait when a visual never loads', async () => {
    const started = Date.now();

    const attempt = capture('s-00001', 'never', 3_000);

    await expect(attempt).rejects.toThrow(CaptureTimeoutError);
    await expect(attempt).rejects.toMatchObject({ step: 'wait-ready' });
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('fails with the error the report posted', async () => {
    const attempt = capture('s-00001', 'error', 5_000);

    await expect(attempt).rejects.toThrow(ReportRenderError);
  });

  it('refuses a render with fewer visuals than expected', async () => {
    const attempt = capture('s-00001', 'empty', 5_000);

    await expect(attempt).rejects.toThrow(IncompleteCaptureError);
  });

  it('refuses a blank picture even when no visual was expected', async () => {
    const url = await target.url('campus-overview', campus('s-00001'), 'empty');
    const attempt = pool.capture(
      pngJob(url, campus('s-00001'), { expectedVisuals: 0, timeoutMs: 5_000 }),
    );

    await expect(attempt).rejects.toThrow(BlankCaptureError);
  });

  it('fails for a school whose data the report cannot show', async () => {
    const attempt = capture(FAILING_SCHOOL, undefined, 5_000);

    await expect(attempt).rejects.toThrow(ReportRenderError);
  });

  it('fails when the session of a fixed URL has ended: no other URL to open', async () => {
    const school = campus('s-00006');
    const url = await target.sessionUrl('campus-overview', school, 4);
    const job = pngJob(url, school, {
      expectedVisuals: target.expectedVisuals('campus-overview'),
    });
    const started = Date.now();
    await pool.capture(job);
    await new Promise((resolve) =>
      setTimeout(resolve, started + 4_500 - Date.now()),
    );

    // The same session asked for another school, as a warm page is.
    const next = campus('s-00007');
    const attempt = pool.capture({
      ...job,
      url: withParameterFragment(url, next),
      parameters: next,
    });

    await expect(attempt).rejects.toThrow(ReportRenderError);
    await expect(attempt).rejects.toMatchObject({
      errorCode: 'SESSION_EXPIRED',
    });
  });

  it('fails when opening an embed session that has expired', async () => {
    const school = campus('s-00006');
    const url = await target.sessionUrl('campus-overview', school, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const attempt = pool.capture(
      pngJob(url, school, {
        expectedVisuals: target.expectedVisuals('campus-overview'),
      }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'ReportRenderError',
      errorCode: 'SESSION_EXPIRED',
    });
  });

  it('ends a hung tab within its timeout', async () => {
    const started = Date.now();

    const attempt = capture('s-00001', 'hang', 3_000);

    await expect(attempt).rejects.toThrow(CaptureTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up on a report that crashes its tab every time, after one retry', async () => {
    const retriesBefore = pool.stats.retries;

    const attempt = capture('s-00003', 'crash', 60_000);

    await expect(attempt).rejects.toThrow(BrowserCrashedError);
    expect(pool.stats.retries).toBe(retriesBefore + 1);
  }, 120_000);

  it('still captures well after all those failures', async () => {
    const result = await capture('s-00002');

    expect(result.body.length).toBeGreaterThan(1_000);
  });
});
