import { mapConcurrent } from './map-concurrent';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapConcurrent', () => {
  it('keeps the order of the items and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;

    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < n; i++) await tick();
      inFlight--;
      return n * 10;
    });

    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('starts nothing new after a failure and throws it', async () => {
    const started: number[] = [];

    const run = mapConcurrent([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 2) throw new Error('boom');
      return n;
    });

    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([1, 2, 3]);
  });

  it('returns an empty list for no items', async () => {
    await expect(
      mapConcurrent([], 4, () => Promise.resolve(1)),
    ).resolves.toEqual([]);
  });
});
