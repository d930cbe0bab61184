import type { HTTPRequest, Page } from 'puppeteer-core';

// A request open this long is a stream or a long poll, not part of the
// render; waiting for it would never end.
const LONG_LIVED_MS = 10_000;

/** Tracks a page's requests in flight to tell when its network is quiet. */
export class NetworkMonitor {
  private readonly inFlight = new Map<HTTPRequest, number>();
  private lastActivity = Date.now();

  constructor(page: Page) {
    page.on('request', (request) => {
      this.inFlight.set(request, Date.now());
      this.lastActivity = Date.now();
    });
    const settle = (request: HTTPRequest) => {
      this.inFlight.delete(request);
      this.lastActivity = Date.now();
    };
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
  }

  /** How long no request has started or ended, 0 while one is open. */
  quietForMs(): number {
    const now = Date.now();
    for (const [request, started] of this.inFlight) {
      if (now - started > LONG_LIVED_MS) this.inFlight.delete(request);
      else return 0;
    }
    return now - this.lastActivity;
  }
}
