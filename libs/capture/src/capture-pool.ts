import { createLogger, type Logger } from '@snapshots/logging';
import type { HostAllowList } from '@snapshots/quicksight-url';

import { DEFAULT_BLANK_THRESHOLD } from './blank-image';
import { BrowserHost } from './browser-host';
import {
  captureInSlot,
  type AttemptSettings,
  type CaptureResult,
} from './capture-attempt';
import {
  BrowserCrashedError,
  CaptureAbortedError,
  CapturePoolClosedError,
} from './capture-error';
import {
  parseCaptureJob,
  type CaptureJob,
  type ParsedCaptureJob,
} from './capture-job';
import { CaptureSlot, type LogIds } from './capture-slot';
import { resolveChromePath } from './launch-browser';
import { SlotQueue } from './slot-queue';

export interface CapturePoolOptions {
  /** Captures that run at once, each in its own browser context. */
  slots: number;
  /** Chromium to run; CHROME_PATH or /usr/bin/chromium when not given. */
  chromePath?: string;
  allowList: HostAllowList;
  logger?: Logger;
  /** Relaunch the browser after this many captures. */
  recycleAfter?: number;
  /** Relaunch the browser when its processes use more than this (MiB). */
  memoryCeilingMb?: number;
  /** How long the network must be idle before a report counts as ready. */
  readyQuietMs?: number;
  /** Share of one colour (0..1) from which a picture is blank. */
  blankThreshold?: number;
  /** Keep reports open and change parameters in place (default true). */
  reusePages?: boolean;
}

export interface CaptureOptions {
  signal?: AbortSignal;
  /** Added to every log line about this capture (batch id, attempt...). */
  ids?: LogIds;
}

export interface CapturePoolStats {
  captures: number;
  failures: number;
  browserLaunches: number;
  recycles: number;
  retries: number;
}

/**
 * Captures snapshots in a shared headless Chromium, `slots` at a time.
 * Reports stay open between captures and later jobs for the same report
 * only change its parameters, so one browser session serves many
 * snapshots. A browser that crashes is relaunched and the capture tried
 * once more; one that has served `recycleAfter` captures, or grown past
 * `memoryCeilingMb`, is replaced between captures.
 *
 * @example
 * const pool = await CapturePool.launch({ slots: 2, allowList });
 * const { body } = await pool.capture(job);
 * await pool.close();
 */
export class CapturePool {
  private readonly host: BrowserHost;
  private readonly queue: SlotQueue<CaptureSlot>;
  private readonly closing = new AbortController();
  private readonly settings: AttemptSettings;
  private readonly logger: Logger;
  private capturesSinceLaunch = 0;
  private recycleDue = false;
  private recycling: Promise<void> | undefined;
  private readonly counters: CapturePoolStats = {
    captures: 0,
    failures: 0,
    browserLaunches: 0,
    recycles: 0,
    retries: 0,
  };

  private constructor(private readonly options: CapturePoolOptions) {
    if (!Number.isInteger(options.slots) || options.slots < 1) {
      throw new RangeError('slots must be a whole number of at least 1');
    }
    this.logger = options.logger ?? createLogger('capture');
    this.host = new BrowserHost(
      resolveChromePath(options.chromePath),
      this.logger,
    );
    this.queue = new SlotQueue(
      Array.from(
        { length: options.slots },
        () =>
          new CaptureSlot({
            allowList: options.allowList,
            logger: this.logger,
          }),
      ),
    );
    this.settings = {
      quietMs: options.readyQuietMs ?? 200,
      blankThreshold: options.blankThreshold ?? DEFAULT_BLANK_THRESHOLD,
      reusePages: options.reusePages ?? true,
    };
  }

  /**
   * Starts the browser, so a missing or broken Chromium shows at start-up.
   *
   * @throws BrowserNotFoundError naming CHROME_PATH when there is none.
   */
  static async launch(options: CapturePoolOptions): Promise<CapturePool> {
    const pool = new CapturePool(options);
    await pool.host.current();
    return pool;
  }

  get slots(): number {
    return this.options.slots;
  }

  get stats(): CapturePoolStats {
    return { ...this.counters, browserLaunches: this.host.launches };
  }

  /** Memory of the browser and all its processes, in MiB. */
  browserMemoryMb(): Promise<number | undefined> {
    return this.host.memoryMb();
  }

  /**
   * Captures one job. The URL is checked against the allow-list before any
   * browser is touched; the job waits for a free slot, then has
   * `timeoutMs` to finish.
   *
   * @throws HostNotAllowedError, InvalidCaptureJobError, or another
   * CaptureError saying why the capture failed.
   */
  async capture(
    job: CaptureJob,
    options: CaptureOptions = {},
  ): Promise<CaptureResult> {
    const parsed = parseCaptureJob(job);
    this.options.allowList.assertAllowed(parsed.url);
    if (this.closing.signal.aborted) throw new CapturePoolClosedError();

    const signal = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    const ids = { snapshotId: parsed.snapshotId, ...options.ids };
    const started = performance.now();

    const slot = await this.acquire(signal, parsed);
    slot.ids = ids;
    try {
      const result = await this.captureWithRetry(slot, parsed, signal, ids);
      const renderMs = Math.round(performance.now() - started);
      this.counters.captures++;
      this.logger.info('capture finished', {
        ...ids,
        renderMs,
        steps: result.steps,
        reusedPage: result.reusedPage,
      });
      return { ...result, renderMs };
    } catch (error) {
      this.counters.failures++;
      this.logger.warn('capture failed', {
        ...ids,
        error: error instanceof Error ? error.name : 'unknown',
        reason: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      slot.ids = {};
      await this.noteCapture();
      this.queue.release(slot);
    }
  }

  /**
   * Stops taking jobs, aborts those running, and closes the browser with
   * all its processes.
   */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort(new CapturePoolClosedError());
    this.queue.close(new CapturePoolClosedError());
    await this.queue.drained();
    await this.recycling;
    await this.host.close();
    this.logger.info('capture pool closed', { ...this.stats });
  }

  private async acquire(
    signal: AbortSignal,
    job: ParsedCaptureJob,
  ): Promise<CaptureSlot> {
    try {
      return await this.queue.acquire(signal, (slot) => slot.isWarmFor(job));
    } catch (error) {
      if (error instanceof CapturePoolClosedError) throw error;
      throw new CaptureAbortedError('queued', { cause: error });
    }
  }

  private async captureWithRetry(
    slot: CaptureSlot,
    job: ParsedCaptureJob,
    signal: AbortSignal,
    ids: LogIds,
  ): Promise<Omit<CaptureResult, 'renderMs'>> {
    try {
      const session = await this.host.current();
      return {
        ...(await captureInSlot(slot, session, job, this.settings, signal)),
        attempts: 1,
      };
    } catch (error) {
      if (!(error instanceof BrowserCrashedError) || signal.aborted) {
        throw error;
      }
      // Crash-only: the context may be in any state, so it goes too.
      this.counters.retries++;
      this.logger.warn('capture retried after crash', {
        ...ids,
        reason: error.reason,
      });
      await slot.closeContext();
      const session = await this.host.current();
      return {
        ...(await captureInSlot(slot, session, job, this.settings, signal)),
        attempts: 2,
      };
    }
  }

  // Recycling waits until no capture runs: a browser is never pulled from
  // under a capture that is going well.
  private async noteCapture(): Promise<void> {
    this.capturesSinceLaunch++;
    if (!this.recycleDue) this.recycleDue = await this.shouldRecycle();
    if (!this.recycleDue || this.recycling) return;

    this.recycling = this.queue
      .exclusive(() => this.recycle())
      .finally(() => {
        this.recycling = undefined;
      });
  }

  private async shouldRecycle(): Promise<boolean> {
    const { recycleAfter, memoryCeilingMb } = this.options;
    if (
      recycleAfter !== undefined &&
      this.capturesSinceLaunch >= recycleAfter
    ) {
      return true;
    }
    if (memoryCeilingMb === undefined) return false;
    const memoryMb = await this.host.memoryMb();
    return memoryMb !== undefined && memoryMb > memoryCeilingMb;
  }

  private async recycle(): Promise<void> {
    if (this.closing.signal.aborted) return;
    const memoryMb = await this.host.memoryMb();
    this.logger.info('browser recycled', {
      captures: this.capturesSinceLaunch,
      memoryMb: memoryMb === undefined ? undefined : Math.round(memoryMb),
    });
    for (const slot of this.queue.all) await slot.closeContext();
    await this.host.close();
    this.capturesSinceLaunch = 0;
    this.recycleDue = false;
    this.counters.recycles++;
    await this.host.current();
  }
}
