import { HostNotAllowedError } from '@snapshots/quicksight-url';
import type { Frame, HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';

import { ReportRenderError } from './capture-error';
import type { EmbedEventLog } from './embed-events';
import { throwIfReportFailed } from './readiness';

/** The report's frame inside the host page, once its document answered. */
export interface ReportFrame {
  frame: Frame;
  status: number;
}

export interface FrameWatch {
  /** The frame of the last report document loaded, if any. */
  current(): ReportFrame | undefined;
  /** Why the report's document could not be loaded, if it could not. */
  failure(): string | undefined;
  /** Forgets the frame, before the host page embeds the report again. */
  reset(): void;
}

const POLL_MS = 25;
// An error page may say why in an ERROR_OCCURRED of its own.
const ERROR_PAGE_GRACE_MS = 500;

/**
 * Watches `page` for the document of the report at `reportUrl()` loading
 * in a frame: the Embedding SDK opens it with a query and a fragment of
 * its own, so it is known by origin and path (before any redirect).
 */
export function watchReportFrame(
  page: Page,
  reportUrl: () => string,
): FrameWatch {
  let current: ReportFrame | undefined;
  let failure: string | undefined;
  const isReportDocument = (request: HTTPRequest) => {
    const frame = request.frame();
    if (!request.isNavigationRequest() || !frame) return false;
    if (frame === page.mainFrame()) return false;
    const first = request.redirectChain()[0]?.url() ?? request.url();
    return sameDocument(first, reportUrl());
  };

  page.on('requestfailed', (request: HTTPRequest) => {
    if (isReportDocument(request)) {
      failure = request.failure()?.errorText ?? 'failed';
    }
  });
  page.on('response', (response: HTTPResponse) => {
    const frame = response.frame();
    const redirect = response.status() >= 300 && response.status() < 400;
    if (!redirect && frame && isReportDocument(response.request())) {
      current = { frame, status: response.status() };
    }
  });
  return {
    current: () => current,
    failure: () => failure,
    reset: () => {
      current = undefined;
      failure = undefined;
    },
  };
}

/**
 * Waits until the report's document has answered in its frame. It never
 * gives up on its own: the step's deadline does (through `signal`).
 *
 * @throws HostNotAllowedError when the frame was sent elsewhere;
 * ReportRenderError for an error the report or the SDK reported, or an
 * error status; the browser's error when the document did not load.
 */
export async function waitForReportFrame(probe: {
  watch: FrameWatch;
  events: EmbedEventLog;
  /** Only events after this mark count. */
  mark: number;
  /** The report's origin, to say where a load failed. */
  origin: string;
  blockedNavigation: () => string | undefined;
  signal: AbortSignal;
}): Promise<ReportFrame> {
  const { watch, events, mark, signal } = probe;
  for (;;) {
    signal.throwIfAborted();
    const blocked = probe.blockedNavigation();
    if (blocked) throw new HostNotAllowedError(blocked);
    throwIfReportFailed(events, mark);
    const failure = watch.failure();
    if (failure) {
      // As puppeteer says it; only the origin, the URL may carry a token.
      throw new Error(`${failure} at ${probe.origin}`);
    }

    const loaded = watch.current();
    if (loaded && loaded.status >= 400) {
      await events.nextEvent(ERROR_PAGE_GRACE_MS);
      throwIfReportFailed(events, mark);
      throw new ReportRenderError(`HTTP_${loaded.status}`);
    }
    if (loaded) return loaded;
    await events.nextEvent(POLL_MS);
  }
}

/** The report's frame, for reading its DOM. */
export function reportFrame(watch: FrameWatch): Frame {
  const loaded = watch.current();
  if (!loaded || loaded.frame.detached) {
    throw new ReportRenderError('NOT_A_REPORT');
  }
  return loaded.frame;
}

function sameDocument(a: string, b: string): boolean {
  try {
    const [left, right] = [new URL(a), new URL(b)];
    return left.origin === right.origin && left.pathname === right.pathname;
  } catch {
    return false;
  }
}
