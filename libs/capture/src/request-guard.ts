import type { HostAllowList } from '@snapshots/quicksight-url';
import type { HTTPRequest, Page } from 'puppeteer-core';

import type { Embedding, HostPage } from './host-page';

// Schemes that never leave the browser.
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

export interface BlockedRequest {
  url: string;
  navigation: boolean;
}

export interface RequestGuard {
  allowList: HostAllowList;
  /** Answered by the engine itself; nothing at its origin is fetched. */
  hostPage: HostPage;
  /** What the host page of this page embeds now. */
  embedding: () => Embedding;
  onBlocked: (blocked: BlockedRequest) => void;
}

/**
 * Lets the page load only from allowed origins: every request, including
 * redirects, sub-frames and scripts' fetches, is intercepted and aborted
 * unless its origin is allowed. Requests at the host page's origin are
 * answered here and never leave the engine.
 */
export async function guardRequests(
  page: Page,
  guard: RequestGuard,
): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();

    if (guard.hostPage.owns(url)) {
      void answerLocally(request, guard);
      return;
    }
    const allowed =
      LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme)) ||
      guard.allowList.isAllowed(url);
    if (allowed) {
      request.continue().catch(() => undefined);
      return;
    }
    guard.onBlocked({ url, navigation: request.isNavigationRequest() });
    request.abort('blockedbyclient').catch(() => undefined);
  });
}

async function answerLocally(
  request: HTTPRequest,
  guard: RequestGuard,
): Promise<void> {
  try {
    const answer = await guard.hostPage.answer(request, guard.embedding());
    await request.respond({
      ...answer,
      headers: { 'cache-control': 'no-store' },
    });
  } catch {
    // A page closed meanwhile, or the SDK unreadable: the request fails
    // and the capture with it.
    await request.abort('failed').catch(() => undefined);
  }
}
