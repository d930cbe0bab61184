import { CapturePool } from '../src';
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

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('many captures in a row', () => {
  it('keep the browser memory flat', async () => {
    const pool = await CapturePool.launch({
      slots: 2,
      allowList: target.allowList,
      logger: recordingLogger().logger,
      recycleAfter: 16,
    });
    const samples: number[] = [];
    try {
      for (let round = 0; round < 24; round++) {
        await Promise.all(
          [0, 1].map(async (lane) => {
            const school = ((round * 2 + lane) % 9) + 1;
            const parameters = { School: [`s-0000${school}`] };
            const url = await target.url('campus-overview', parameters);
            await pool.capture(
              pngJob(url, parameters, {
                expectedVisuals: target.expectedVisuals('campus-overview'),
              }),
            );
          }),
        );
        samples.push((await pool.browserMemoryMb()) ?? Number.NaN);
      }
    } finally {
      await pool.close();
    }

    expect(samples.every(Number.isFinite)).toBe(true);
    expect(pool.stats.recycles).toBeGreaterThanOrEqual(2);
    // Memory creeps up a few MiB a round while one browser serves; the
    // third browser's rounds must use what the first one's did at the same
    // point, not what 24 rounds of creep would add up to.
    const early = median(samples.slice(2, 8));
    const late = median(samples.slice(-6));
    expect(late).toBeLessThan(early + 20);
  });
});
