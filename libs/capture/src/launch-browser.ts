import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

import puppeteer, { type Browser } from 'puppeteer-core';

import { BrowserLaunchError, BrowserNotFoundError } from './capture-error';

export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // The host page is served at an origin Chromium counts as public, and
  // would refuse it frames from a report server on this machine or a
  // private network (local network access). What pages may load is the
  // allow-list's to decide, and it lets nothing else through.
  '--disable-features=LocalNetworkAccessChecks',
  // The report's frame renders in its host page's process, not a process
  // of its own: a report that crashes or hangs takes its tab with it, as
  // when it was the top page, and the pool sees and handles that; a slot
  // also keeps one renderer, not two. The host page holds nothing the
  // report may not see (its own embed URL).
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process',
];

/** The explicit path, else CHROME_PATH, else the Debian package's path. */
export function resolveChromePath(explicit?: string): string {
  return explicit ?? process.env.CHROME_PATH ?? DEFAULT_CHROME_PATH;
}

/** @throws BrowserNotFoundError when nothing runnable is at `chromePath`. */
export async function assertChromium(chromePath: string): Promise<void> {
  try {
    await access(chromePath, constants.X_OK);
  } catch (cause) {
    throw new BrowserNotFoundError(chromePath, { cause });
  }
}

/** Starts headless Chromium, talking to it over a pipe. */
export async function launchBrowser(chromePath: string): Promise<Browser> {
  await assertChromium(chromePath);
  try {
    return await puppeteer.launch({
      executablePath: chromePath,
      headless: true,
      pipe: true,
      // A copy: puppeteer takes the --disable-features flags out of the
      // array it is given, and a relaunch would start without them.
      args: [...CHROMIUM_ARGS],
      // Each capture step has its own deadline; this only bounds calls
      // made outside one (closing pages, contexts).
      protocolTimeout: 30_000,
    });
  } catch (cause) {
    throw new BrowserLaunchError(chromePath, { cause });
  }
}
