import { accessSync, constants } from 'node:fs';
import { BrowserNotFoundError, resolveChromePath } from '@snapshots/capture';

/**
 * Fails before anything starts when no Chromium can be found, with the
 * capture engine's own message (which names CHROME_PATH and how to install
 * one), rather than after the stack is up and a worker has died.
 */
export function assertChromiumInstalled(): void {
  const chromePath = resolveChromePath(process.env.CHROME_PATH);
  try {
    accessSync(chromePath, constants.X_OK);
  } catch (cause) {
    throw new BrowserNotFoundError(chromePath, { cause });
  }
}
