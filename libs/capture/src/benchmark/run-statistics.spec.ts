import { percentile, summariseRun } from './run-statistics';

describe('run statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(100);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('turns latencies and wall time into throughput', () => {
    const run = summariseRun({
      name: 'engine',
      concurrency: 2,
      latenciesMs: [400, 300, 500, 600],
      failures: 1,
      seconds: 2,
    });

    expect(run).toEqual({
      name: 'engine',
      concurrency: 2,
      captures: 4,
      failures: 1,
      incomplete: 0,
      seconds: 2,
      capturesPerSecond: 2,
      medianMs: 400,
      p95Ms: 600,
    });
  });
});
