import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const chromePath = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** An embedding event as the page posts it. */
export interface HostEvent {
  eventName: string;
  eventLevel: string;
  message?: Record<string, unknown>;
  timestamp: number;
}

const recorder = `
  window.__hostEvents = [];
  window.addEventListener('message', (event) => {
    if (event.data && typeof event.data.eventName === 'string') {
      window.__hostEvents.push(event.data);
    }
  });
`;

/**
 * A page in its own browser context (concurrent pages in one context hang
 * on screenshots) that records every posted event from the start.
 */
export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.evaluateOnNewDocument(recorder);
  return page;
}

export async function closePage(page: Page): Promise<void> {
  await page.browserContext().close();
}

export function events(page: Page, eventName?: string): Promise<HostEvent[]> {
  return page.evaluate(
    (name) =>
      (
        (window as unknown as { __hostEvents: HostEvent[] }).__hostEvents ?? []
      ).filter((e) => name === undefined || e.eventName === name),
    eventName,
  );
}

/** Waits until the page has posted `count` events named `eventName`. */
export async function waitForEvent(
  page: Page,
  eventName: string,
  count = 1,
  timeout = 30_000,
): Promise<HostEvent> {
  await page.waitForFunction(
    (name, n) =>
      (
        (window as unknown as { __hostEvents: HostEvent[] }).__hostEvents ?? []
      ).filter((e) => e.eventName === name).length >= n,
    { timeout, polling: 50 },
    eventName,
    count,
  );
  const all = await events(page, eventName);
  return all[count - 1] as HostEvent;
}

/** The state of every visual, by id. */
export function visualStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-visual-id]', (visuals): Record<string, string> =>
    Object.fromEntries(
      visuals.map((v) => [
        (v as HTMLElement).dataset.visualId ?? '',
        (v as HTMLElement).dataset.visualState ?? '',
      ]),
    ),
  );
}

export function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent?.trim() ?? '');
}
