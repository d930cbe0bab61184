import { createLogger, type Logger } from '@snapshots/logging';
import type { HostAllowList } from '@snapshots/quicksight-url';

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
  ReportRenderError,
} from './capture-error';
import {
  parseCaptureJob,
  type CaptureJob,
  type ParsedCaptureJob,
} from './capture-job';
import { CaptureSlot, type LogIds } from './capture-slot';
import { HostPage } from './host-page';
import { resolveChromePath } from './launch-browser';
import { parsePoolLimits, type PoolLimits } from './pool-options';
import { SlotQueue } from './slot-queue';
import { asCaptureError } from './translate-error';

export interface CapturePoolOptions {
  /** Captures that run at once, each in its own browser context. */
  slots: number;
  /** Chromium to run; CHROME_PATH or /usr/bin/chromium when not given. */
  chromePath?: string;
  allowList: HostAllowList;
  /**
   * Origin of the host page every report is embedded in, served by the
   * pool itself (nothing there is fetched). QuickSight renders a report
   * only inside an origin of its embed URL's AllowedDomains, so it must
   * be one; `https://snapshots.invalid` by default.
   */
  hostOrigin?: string;
  logger?: Logger;
  /** Relaunch the browser after this many captures (200 by default). */
  recycleAfter?: number;
  /**
   * Relaunch the browser when its processes use more than this (MiB;
   * 1500 by default).
   */
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
 * Reports stay open between captures and later jobs for the same embed
 * session only change its parameters, so one page and one embed URL serve
 * many snapshots. A browser that crashes is relaunched and the capture
 * tried once more, as is a capture whose embed session ended, on a fresh
 * page with a new URL from the job. A browser that has served
 * `recycleAfter` captures, or grown past `memoryCeilingMb`, is replaced
 * between captures.
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
  private readonly limits: PoolLimits;
  private readonly settings: AttemptSettings;
  private readonly logger: Logger;
  /** Captures served by the browser of launch {@link countedLaunch}. */
  private capturesSinceLaunch = 0;
  private countedLaunch = 0;
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
    this.limits = parsePoolLimits(options);
    this.logger = options.logger ?? createLogger('capture');
    this.host = new BrowserHost(
      resolveChromePath(options.chromePath),
      this.logger,
    );
    this.queue = new SlotQueue(
      Array.from(
        { length: this.limits.slots },
        () =>
          new CaptureSlot({
            allowList: options.allowList,
            hostPage: new HostPage(this.limits.hostOrigin),
            logger: this.logger,
          }),
      ),
    );
    this.settings = {
      quietMs: this.limits.readyQuietMs,
      blankThreshold: this.limits.blankThreshold,
      reusePages: this.limits.reusePages,
    };
  }

  /**
   * Starts the browser, so a missing or broken Chromium shows at start-up.
   *
   * @throws InvalidPoolOptionsError naming every bad option, before any
   * browser starts; BrowserNotFoundError naming CHROME_PATH when there is
   * no Chromium.
   */
  static async launch(options: CapturePoolOptions): Promise<CapturePool> {
    const pool = new CapturePool(options);
    await pool.host.current();
    return pool;
  }

  get slots(): number {
    return this.limits.slots;
  }

  get stats(): CapturePoolStats {
    return { ...this.counters, browserLaunches: this.host.launches };
  }

  /** Memory of the browser and all its processes, in MiB. */
  browserMemoryMb(): Promise<number | undefined> {
    return this.host.memoryMb();
  }

  /**
   * Captures one job. A fixed URL is checked against the allow-list
   * before any browser is touched, a provider's URL when it is made,
   * before the page goes to it; the job waits for a free slot, then has
   * `timeoutMs` to finish.
   *
   * @throws HostNotAllowedError, InvalidCaptureJobError, or another
   * CaptureError saying why the capture failed (a browser's own error is
   * the `cause` of a BrowserProtocolError).
   */
  async capture(
    job: CaptureJob,
    options: CaptureOptions = {},
  ): Promise<CaptureResult> {
    const parsed = parseCaptureJob(job);
    if (typeof parsed.url === 'string') {
      this.options.allowList.assertAllowed(parsed.url);
    }
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
        attempts: result.attempts,
      });
      return { ...result, renderMs };
    } catch (error) {
      const failure = asCaptureError(error);
      this.counters.failures++;
      this.logger.warn('capture failed', {
        ...ids,
        error: failure.name,
        reason: failure.message,
      });
      throw failure;
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
      return { ...(await this.attempt(slot, job, signal)), attempts: 1 };
    } catch (error) {
      if (signal.aborted) throw error;

      if (error instanceof BrowserCrashedError) {
        // Crash-only: the context may be in any state, so it goes too.
        this.logger.warn('capture retried after crash', {
          ...ids,
          reason: error.reason,
        });
        await slot.closeContext();
      } else if (sessionRenewable(error, job)) {
        // The failed attempt threw its page away; the next one opens a
        // fresh page, and so asks the provider for a new URL.
        this.logger.warn('capture retried in a new session', {
          ...ids,
          reason: error.errorCode,
        });
      } else {
        throw error;
      }
      this.counters.retries++;
      return { ...(await this.attempt(slot, job, signal)), attempts: 2 };
    }
  }

  private async attempt(
    slot: CaptureSlot,
    job: ParsedCaptureJob,
    signal: AbortSignal,
  ): Promise<Omit<CaptureResult, 'attempts' | 'renderMs'>> {
    const session = await this.host.current();
    return captureInSlot(slot, session, job, this.settings, signal);
  }

  // Recycling waits until no capture runs: a browser is never pulled from
  // under a capture that is going well.
  private async noteCapture(): Promise<void> {
    // Counted per browser: one relaunched after a crash starts from zero.
    if (this.host.launches !== this.countedLaunch) {
      this.countedLaunch = this.host.launches;
      this.capturesSinceLaunch = 0;
      this.recycleDue = false;
    }
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
    const { recycleAfter, memoryCeilingMb } = this.limits;
    if (this.capturesSinceLaunch >= recycleAfter) return true;
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

/** The job's session ended and the job can ask for a new URL. */
function sessionRenewable(
  error: unknown,
  job: ParsedCaptureJob,
): error is ReportRenderError {
  return (
    error instanceof ReportRenderError &&
    error.sessionEnded &&
    typeof job.url === 'function'
  );
}
