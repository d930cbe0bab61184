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
      args: CHROMIUM_ARGS,
      // Each capture step has its own deadline; this only bounds calls
      // made outside one (closing pages, contexts).
      protocolTimeout: 30_000,
    });
  } catch (cause) {
    throw new BrowserLaunchError(chromePath, { cause });
  }
}
