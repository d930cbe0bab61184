import { CapturePool, type CaptureJob } from '../src';

import { recordingLogger } from './support/quiet-logger';
import {
  pngJob,
  startReportTarget,
  type ReportSessions,
  type ReportTarget,
} from './support/report-target';

// Captures through embed sessions, as workers make them: a job names its
// session and brings a provider of URLs, which the pool calls only when
// it must open a fresh page. Each test has a pool of its own, so no warm
// page of another test serves it.
let target: ReportTarget;
let pool: CapturePool;
let log: ReturnType<typeof recordingLogger>;

beforeAll(async () => {
  target = await startReportTarget();
});

beforeEach(async () => {
  log = recordingLogger();
  pool = await CapturePool.launch({
    slots: 1,
    allowList: target.allowList,
    logger: log.logger,
  });
});

afterEach(async () => {
  await pool?.close();
});

afterAll(async () => {
  await target?.stop();
});

const dashboardId = 'campus-overview';

function campusJob(
  sessions: ReportSessions,
  school: string,
  provider = sessions.provider,
): CaptureJob {
  const parameters = { School: [school] };
  return pngJob(provider(parameters), parameters, {
    session: sessions.session,
    expectedVisuals: target.expectedVisuals(dashboardId),
  });
}

const until = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

describe('warm pages and embed sessions', () => {
  it('captures two schools on one page through one session URL', async () => {
    const sessions = target.sessions(dashboardId, 600);

    const first = await pool.capture(campusJob(sessions, 's-00001'));
    const secondJob = campusJob(sessions, 's-00002');
    const second = await pool.capture(secondJob);

    expect(first.reusedPage).toBe(false);
    expect(second.reusedPage).toBe(true);
    expect(second.steps.open).toBeUndefined();
    expect(second.body.equals(first.body)).toBe(false);
    expect(sessions.opened).toHaveLength(1);
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        message: 'capture finished',
        snapshotId: secondJob.snapshotId,
        reusedPage: true,
      }),
    );
  });

  it('opens a fresh page with a new URL once the warm page’s session ended', async () => {
    const sessions = target.sessions(dashboardId, 3);
    await pool.capture(campusJob(sessions, 's-00003'));
    await until(Date.now() + 3_500);

    const result = await pool.capture(campusJob(sessions, 's-00004'));

    expect(result.reusedPage).toBe(false);
    expect(sessions.opened).toHaveLength(2);
    expect(sessions.opened[1]).not.toBe(sessions.opened[0]);
  });

  it('retries in a new session when the session ends during a capture on a warm page', async () => {
    // The slow fault holds one visual back 3 s, so a redraw started a
    // second before the session ends is still drawing when it does.
    const ttlSeconds = 10;
    const sessions = target.sessions(dashboardId, ttlSeconds, 'slow');
    const madeAt: number[] = [];
    const timed = (parameters: Record<string, string[]>) => {
      const make = sessions.provider(parameters);
      return () => {
        madeAt.push(Date.now());
        return make();
      };
    };
    await pool.capture(campusJob(sessions, 's-00005', timed));
    const sessionEnds = (madeAt[0] ?? 0) + ttlSeconds * 1000;
    expect(Date.now()).toBeLessThan(sessionEnds - 1_000);
    await until(sessionEnds - 1_000);

    const job = campusJob(sessions, 's-00006', timed);
    const result = await pool.capture(job);

    expect(result).toMatchObject({ attempts: 2, reusedPage: false });
    expect(sessions.opened).toHaveLength(2);
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        message: 'capture retried in a new session',
        snapshotId: job.snapshotId,
        reason: 'SESSION_EXPIRED',
      }),
    );
  }, 60_000);
});
