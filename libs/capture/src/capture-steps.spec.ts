import {
  BrowserCrashedError,
  BrowserProtocolError,
  CaptureAbortedError,
  CaptureTimeoutError,
  ReportRenderError,
} from './capture-error';
import { CaptureSteps, pause } from './capture-steps';

describe('CaptureSteps', () => {
  it('records how long each step took', async () => {
    const steps = new CaptureSteps(5_000, new AbortController().signal);

    await steps.run('open', (signal) => pause(30, signal));
    const value = await steps.run('capture', () => Promise.resolve(7));

    expect(value).toBe(7);
    expect(steps.timings.open).toBeGreaterThanOrEqual(25);
    expect(steps.timings.capture).toBeGreaterThanOrEqual(0);
  });

  it('fails the step that runs past the deadline, and stops its work', async () => {
    const steps = new CaptureSteps(100, new AbortController().signal);
    let stepSignal: AbortSignal | undefined;

    await steps.run('open', (signal) => pause(10, signal));
    const late = steps.run('wait-ready', (signal) => {
      stepSignal = signal;
      return pause(10_000, signal);
    });

    await expect(late).rejects.toThrow(CaptureTimeoutError);
    await expect(late).rejects.toMatchObject({ step: 'wait-ready' });
    expect(stepSignal?.aborted).toBe(true);
  });

  it('ends a step at once when the caller aborts', async () => {
    const caller = new AbortController();
    const steps = new CaptureSteps(10_000, caller.signal);

    const running = steps.run('wait-ready', (signal) => pause(10_000, signal));
    caller.abort();

    await expect(running).rejects.toThrow(CaptureAbortedError);
  });

  it('passes on the error of a crash that aborts it', async () => {
    const crash = new AbortController();
    const steps = new CaptureSteps(10_000, crash.signal);

    const running = steps.run('capture', (signal) => pause(10_000, signal));
    crash.abort(new BrowserCrashedError('page crashed'));

    await expect(running).rejects.toThrow(BrowserCrashedError);
  });

  it('names the step in which a browser call failed', async () => {
    const steps = new CaptureSteps(10_000, new AbortController().signal);
    const failure = new Error('Protocol error (Page.printToPDF): failed');

    const running = steps.run('capture', () => Promise.reject(failure));

    await expect(running).rejects.toThrow(BrowserProtocolError);
    await expect(running).rejects.toMatchObject({
      step: 'capture',
      cause: failure,
    });
  });

  it('lets an error of its own through as it is', async () => {
    const steps = new CaptureSteps(10_000, new AbortController().signal);
    const failure = new ReportRenderError('SESSION_EXPIRED');

    const running = steps.run('wait-ready', () => Promise.reject(failure));

    await expect(running).rejects.toBe(failure);
  });
});
