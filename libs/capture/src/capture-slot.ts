import type { Logger } from '@snapshots/logging';
import type { HostAllowList } from '@snapshots/quicksight-url';
import type { BrowserContext, Page } from 'puppeteer-core';

import type { BrowserSession } from './browser-host';
import { BrowserCrashedError, InvalidCaptureJobError } from './capture-error';
import type { ParsedCaptureJob } from './capture-job';
import { EmbedEventLog, exposeEmbedEvents } from './embed-events';
import type { Embedding, HostPage } from './host-page';
import { NetworkMonitor } from './network-monitor';
import { reportCensus, type ReportCensus } from './report-census';
import { reportFrame, watchReportFrame, type FrameWatch } from './report-frame';
import { guardRequests } from './request-guard';
import { settleWithin } from './settle-within';

/** Keys added to every log line about one capture. */
export type LogIds = Record<string, string | number>;

/**
 * A host page with a report embedded in it, and what is known about it.
 */
export interface OpenReport {
  page: Page;
  /** The report's URL with its fragment (it may carry an embed token). */
  url: string;
  /** What the host page embeds: the URL and parameters of the last load. */
  embedding: Embedding;
  /** The report's frame inside the host page. */
  frame: FrameWatch;
  /** Counts the visuals in the report's frame. */
  census(): Promise<ReportCensus>;
  events: EmbedEventLog;
  network: NetworkMonitor;
  /** Aborted with a BrowserCrashedError when the tab crashes. */
  crashed: AbortSignal;
  /** A navigation the allow-list refused, if any. */
  blockedNavigation?: string;
  /** Set after a good capture: what the page now shows. */
  warm?: { key: string; parameters: Record<string, string[]>; mark: number };
  /** False once the report ignored an in-place parameter change. */
  acceptsParameters: boolean;
}

export interface SlotDependencies {
  allowList: HostAllowList;
  hostPage: HostPage;
  logger: Logger;
}

const CLOSE_MS = 5_000;

/**
 * One concurrent place to capture in: its own browser context (pages in
 * the default context stall each other's screenshots) and at most one
 * open report, kept warm between captures.
 */
export class CaptureSlot {
  private context: BrowserContext | undefined;
  private generation = -1;
  private report: OpenReport | undefined;
  /** The ids of the capture running here, for the browser's log lines. */
  ids: LogIds = {};

  constructor(private readonly dependencies: SlotDependencies) {}

  /** Where pages in this slot may go. */
  get allowList(): HostAllowList {
    return this.dependencies.allowList;
  }

  /** The page reports are embedded in. */
  get hostPage(): HostPage {
    return this.dependencies.hostPage;
  }

  /** The open report when `job` can be captured by changing parameters. */
  warmReport(
    job: ParsedCaptureJob,
    session: BrowserSession,
  ): OpenReport | undefined {
    const report = this.report;
    if (
      !report?.warm ||
      !report.acceptsParameters ||
      this.generation !== session.generation ||
      report.crashed.aborted ||
      report.warm.key !== reuseKey(job) ||
      // Failed since its last capture (its session ended, say): a fresh
      // page, with a fresh URL, does better than a certain failure.
      report.events.errorSince(report.warm.mark) !== undefined
    ) {
      return undefined;
    }
    const names = (parameters: Record<string, string[]>) =>
      Object.keys(parameters).sort().join('\n');
    // Changing only some parameters would leave others from the last job.
    return names(report.warm.parameters) === names(job.parameters)
      ? report
      : undefined;
  }

  /** Whether this slot has `job`'s report open (for choosing a slot). */
  isWarmFor(job: ParsedCaptureJob): boolean {
    return this.report?.warm?.key === reuseKey(job);
  }

  /**
   * A fresh page in this slot's context, ready to go to the host page that
   * embeds the report at `url` (its fragment given as `parameters`).
   */
  async openReport(
    session: BrowserSession,
    viewport: ParsedCaptureJob['viewport'],
    url: string,
    parameters: Record<string, string[]>,
  ): Promise<OpenReport> {
    await this.closeReport();
    if (!this.context || this.generation !== session.generation) {
      this.context = await session.browser.createBrowserContext();
      this.generation = session.generation;
    }

    const page = await this.context.newPage();
    const report = await this.prepare(page, url, parameters);
    await page.setViewport(viewport);
    this.report = report;
    return report;
  }

  /** Throws the page away, e.g. after a failed capture. */
  async closeReport(): Promise<void> {
    const report = this.report;
    this.report = undefined;
    if (!report) return;
    const closed = await settleWithin(report.page.close(), CLOSE_MS);
    if (!closed) await this.closeContext();
  }

  /** Throws the whole context away (its pages with it). */
  async closeContext(): Promise<void> {
    this.report = undefined;
    const context = this.context;
    this.context = undefined;
    if (context && context.browser().connected) {
      await settleWithin(context.close(), CLOSE_MS);
    }
  }

  private async prepare(
    page: Page,
    url: string,
    parameters: Record<string, string[]>,
  ): Promise<OpenReport> {
    const { allowList, hostPage, logger } = this.dependencies;
    const events = new EmbedEventLog();
    const crash = new AbortController();
    const embedding = embeddingOf(url, parameters);
    const frame = watchReportFrame(page, () => report.embedding.url);
    const report: OpenReport = {
      page,
      url,
      embedding,
      frame,
      census: () => reportCensus(reportFrame(frame)),
      events,
      network: new NetworkMonitor(page),
      crashed: crash.signal,
      acceptsParameters: true,
    };

    page.on('error', (error) => {
      logger.error('page crashed', { ...this.ids, error: error.message });
      crash.abort(new BrowserCrashedError('page crashed', { cause: error }));
    });
    page.on('console', (message) => {
      const level = message.type() === 'error' ? 'warn' : 'info';
      logger[level]('browser console', {
        ...this.ids,
        consoleType: message.type(),
        text: message.text(),
      });
    });
    page.on('pageerror', (error) => {
      logger.warn('page error', { ...this.ids, error: String(error) });
    });

    await exposeEmbedEvents(page, events);
    await guardRequests(page, {
      allowList,
      hostPage,
      embedding: () => report.embedding,
      onBlocked: (blocked) => {
        // Only the origin: a blocked URL may still carry a token.
        logger.warn('request blocked', {
          ...this.ids,
          origin: originOf(blocked.url),
          navigation: blocked.navigation,
        });
        if (blocked.navigation) report.blockedNavigation ??= blocked.url;
      },
    });
    return report;
  }
}

/**
 * What the host page embeds for the report at `url`: the SDK takes the
 * URL without a fragment and writes the parameters' fragment itself.
 */
export function embeddingOf(
  url: string,
  parameters: Record<string, string[]>,
): Embedding {
  const bare = new URL(url);
  bare.hash = '';
  // A name without values is no parameter, as in the fragment.
  const given = Object.entries(parameters).filter(([, v]) => v.length > 0);
  return { url: bare.toString(), parameters: Object.fromEntries(given) };
}

/**
 * Jobs with the same key can share a page: same embed session, same
 * viewport. A job names its session; a fixed URL without a name is its
 * own session, fragment aside (an embed token in it makes every URL one).
 */
export function reuseKey(job: ParsedCaptureJob): string {
  const { width, height, deviceScaleFactor } = job.viewport;
  return JSON.stringify([
    job.session ?? sessionOfUrl(job.url),
    `${width}x${height}@${deviceScaleFactor}`,
  ]);
}

function sessionOfUrl(url: ParsedCaptureJob['url']): string {
  // The schema lets a provider through only with a session name; were it
  // ever to, sharing a page by mistake is the one thing not to do.
  if (typeof url !== 'string') {
    throw new InvalidCaptureJobError([
      { path: 'session', message: 'is required when url is a provider' },
    ]);
  }
  const { origin, pathname, search } = new URL(url);
  return `${origin}${pathname}${search}`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unparseable';
  }
}
