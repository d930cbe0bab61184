import {
  CaptureAbortedError,
  CaptureError,
  CaptureTimeoutError,
} from './capture-error';
import { asCaptureError } from './translate-error';

/** The named steps of one capture, in the order they run. */
export type StepName =
  'open' | 'apply-parameters' | 'wait-ready' | 'capture' | 'check';

/**
 * Runs the steps of one capture against one deadline. Each step gets a
 * signal that fires when the deadline passes or the capture is aborted, and
 * its duration is recorded whether it succeeds or not. A step is where the
 * engine calls the browser, so a browser error leaves it translated.
 */
export class CaptureSteps {
  readonly timings: Partial<Record<StepName, number>> = {};
  private readonly deadline: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  async run<T>(
    name: StepName,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    const step = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;

    const stopped = new Promise<never>((_, reject) => {
      const stop = (error: Error) => {
        step.abort(error);
        reject(error);
      };
      onAbort = () => stop(this.abortError(name));
      if (this.signal.aborted) return onAbort();
      this.signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(
        () => stop(new CaptureTimeoutError(name, this.timeoutMs)),
        Math.max(0, this.deadline - Date.now()),
      );
    });

    const running = work(step.signal);
    // The loser of the race below must not surface as an unhandled rejection.
    running.catch(() => undefined);
    try {
      return await Promise.race([running, stopped]);
    } catch (error) {
      throw asCaptureError(error, name);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal.removeEventListener('abort', onAbort);
      step.abort();
      this.timings[name] =
        (this.timings[name] ?? 0) + Math.round(performance.now() - started);
    }
  }

  // A crash or a closing pool aborts with its own error; a caller's bare
  // abort becomes CaptureAbortedError.
  private abortError(step: StepName): Error {
    const reason: unknown = this.signal.reason;
    return reason instanceof CaptureError
      ? reason
      : new CaptureAbortedError(step, { cause: reason });
  }
}

/** Waits `ms`, or less when `signal` fires (then rejects with its reason). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
