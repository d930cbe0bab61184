import type { Logger } from '@snapshots/logging';
import type { Browser } from 'puppeteer-core';

import { BrowserCrashedError } from './capture-error';
import { launchBrowser } from './launch-browser';
import { processExists, processTreeMemoryMb } from './process-memory';
import { settleWithin } from './settle-within';

/** One running browser. A new one (after a crash or recycle) is a new session. */
export interface BrowserSession {
  browser: Browser;
  /** Counts up with every launch; slots rebuild contexts when it moves. */
  generation: number;
  pid: number | undefined;
  /** Aborted with a BrowserCrashedError when the browser goes away. */
  exited: AbortSignal;
}

const CLOSE_GRACE_MS = 5_000;

/**
 * Owns the pool's browser: launches it, relaunches it after a crash
 * (once, however many captures notice), and closes it without leaving
 * processes behind.
 */
export class BrowserHost {
  private session: BrowserSession | undefined;
  private launching: Promise<BrowserSession> | undefined;
  private generation = 0;
  private readonly closing = new WeakSet<Browser>();

  constructor(
    private readonly chromePath: string,
    private readonly logger: Logger,
  ) {}

  /** The running browser, launching one when there is none. */
  current(): Promise<BrowserSession> {
    if (this.session && !this.session.exited.aborted) {
      return Promise.resolve(this.session);
    }
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  get launches(): number {
    return this.generation;
  }

  /** Memory of the browser and all its processes, in MiB. */
  async memoryMb(): Promise<number | undefined> {
    const pid = this.session?.pid;
    return pid === undefined ? undefined : processTreeMemoryMb(pid);
  }

  /** Closes the browser; the next {@link current} launches a new one. */
  async close(): Promise<void> {
    await this.launching?.catch(() => undefined);
    const session = this.session;
    this.session = undefined;
    if (session) await this.closeSession(session);
  }

  private async launch(): Promise<BrowserSession> {
    const browser = await launchBrowser(this.chromePath);
    const exited = new AbortController();
    const pid = browser.process()?.pid;
    const session: BrowserSession = {
      browser,
      generation: ++this.generation,
      pid,
      exited: exited.signal,
    };

    browser.once('disconnected', () => {
      exited.abort(new BrowserCrashedError('browser exited'));
      if (this.closing.has(browser)) return;
      this.logger.error('browser exited', { pid });
      // Renderers of a browser that died may linger; end the whole group.
      killProcessGroup(pid);
    });
    this.session = session;
    this.logger.info('browser launched', {
      pid,
      generation: session.generation,
    });
    return session;
  }

  private async closeSession(session: BrowserSession): Promise<void> {
    const { browser, pid } = session;
    this.closing.add(browser);
    const closed = await settleWithin(browser.close(), CLOSE_GRACE_MS);

    // A hung browser does not answer: end its whole process group, which
    // puppeteer started detached for exactly this.
    if (pid !== undefined && (!closed || processExists(pid))) {
      killProcessGroup(pid);
      this.logger.warn('browser killed', { pid });
    }
  }
}

function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
