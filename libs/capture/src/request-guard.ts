import type { HostAllowList } from '@snapshots/quicksight-url';
import type { HTTPRequest, Page } from 'puppeteer-core';

// Schemes that never leave the browser.
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

export interface BlockedRequest {
  url: string;
  navigation: boolean;
}

/**
 * Lets the page load only from allowed origins: every request, including
 * redirects, sub-frames and scripts' fetches, is intercepted and aborted
 * unless its origin is allowed.
 */
export async function guardRequests(
  page: Page,
  allowList: HostAllowList,
  onBlocked: (blocked: BlockedRequest) => void,
): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const allowed =
      LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme)) ||
      allowList.isAllowed(url);

    if (allowed) {
      request.continue().catch(() => undefined);
      return;
    }
    onBlocked({ url, navigation: request.isNavigationRequest() });
    request.abort('blockedbyclient').catch(() => undefined);
  });
}
