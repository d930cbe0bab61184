import { desiredWorkers } from './desired-workers';

describe('desiredWorkers', () => {
  const bounds = { jobsPerWorker: 25, maxWorkers: 20 };

  it.each([
    [0, 0],
    [1, 1],
    [25, 1],
    [26, 2],
    [260, 11],
    [100_000, 20],
  ])('gives %i jobs %i workers', (jobs, workers) => {
    expect(desiredWorkers(jobs, bounds)).toBe(workers);
  });

  it('keeps within the group maximum when it is the lower bound', () => {
    expect(desiredWorkers(1000, { ...bounds, groupMax: 4 })).toBe(4);
  });

  it('starts no worker when the group may have none', () => {
    expect(desiredWorkers(10, { ...bounds, groupMax: 0 })).toBe(0);
  });
});
