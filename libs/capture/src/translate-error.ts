import { QuickSightUrlError } from '@snapshots/quicksight-url';

import { BrowserProtocolError, CaptureError } from './capture-error';

/** An error the pool's callers may see as it is. */
export type OwnError = CaptureError | QuickSightUrlError;

/**
 * The boundary to the browser: the engine's own errors (and the
 * allow-list's, which it re-exports) pass unchanged; anything else came
 * out of puppeteer and becomes a BrowserProtocolError with it as cause.
 */
export function asCaptureError(error: unknown, step?: string): OwnError {
  if (error instanceof CaptureError || error instanceof QuickSightUrlError) {
    return error;
  }
  return new BrowserProtocolError(step, { cause: error });
}
