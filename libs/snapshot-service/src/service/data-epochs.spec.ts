import { CachedDataEpochs } from './data-epochs';

describe('CachedDataEpochs', () => {
  it('reads once per period and again after it', async () => {
    let now = 0;
    let reads = 0;
    const epochs = new CachedDataEpochs(
      { dataEpoch: () => Promise.resolve(`r${++reads}`) },
      { ttlMs: 1000, clock: () => now },
    );

    const first = await epochs.dataEpoch();
    now = 999;
    const cached = await epochs.dataEpoch();
    now = 1000;
    const fresh = await epochs.dataEpoch();

    expect([first, cached, fresh]).toEqual(['r1', 'r1', 'r2']);
  });

  it('does not remember a failed read', async () => {
    let fail = true;
    const epochs = new CachedDataEpochs(
      {
        dataEpoch: () =>
          fail ? Promise.reject(new Error('down')) : Promise.resolve('r1'),
      },
      { ttlMs: 60_000, clock: () => 0 },
    );

    await expect(epochs.dataEpoch()).rejects.toThrow('down');
    fail = false;

    await expect(epochs.dataEpoch()).resolves.toBe('r1');
  });
});
