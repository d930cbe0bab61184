/**
 * When the data behind the reports was last refreshed. It is part of a
 * snapshot's identity, so a refresh never serves an old picture.
 */
export interface DataEpochSource {
  dataEpoch(): Promise<string>;
}

/**
 * Remembers the epoch for a short while. Refreshes happen hours apart; a
 * request that reads the old epoch for a few seconds after one gets the
 * snapshot that was current a moment ago.
 */
export class CachedDataEpochs implements DataEpochSource {
  private cached: { epoch: Promise<string>; readAt: number } | undefined;

  constructor(
    private readonly source: DataEpochSource,
    private readonly options: { ttlMs: number; clock?: () => number },
  ) {}

  dataEpoch(): Promise<string> {
    const now = (this.options.clock ?? Date.now)();
    if (this.cached && now - this.cached.readAt < this.options.ttlMs) {
      return this.cached.epoch;
    }

    const epoch = this.source.dataEpoch();
    const entry = { epoch, readAt: now };
    this.cached = entry;
    // A failed read must not be remembered.
    epoch.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return epoch;
  }
}
