import { startHeartbeat } from './heartbeat';

const tick = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('startHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beats at once and then once per interval', async () => {
    const beat = jest.fn(() => Promise.resolve());
    const heartbeat = startHeartbeat(beat, 1000, () => undefined);

    await tick(0);
    expect(beat).toHaveBeenCalledTimes(1);
    await tick(2500);
    expect(beat).toHaveBeenCalledTimes(3);

    await heartbeat.stop();
    await tick(5000);
    expect(beat).toHaveBeenCalledTimes(3);
  });

  it('keeps beating after a beat fails, and reports the failure', async () => {
    const failure = new Error('throttled');
    const beat = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(failure)
      .mockResolvedValue(undefined);
    const errors: unknown[] = [];

    const heartbeat = startHeartbeat(beat, 1000, (error) => errors.push(error));
    await tick(1000);
    await heartbeat.stop();

    expect(errors).toEqual([failure]);
    expect(beat).toHaveBeenCalledTimes(2);
  });

  it('never starts a beat while the previous one is running', async () => {
    let running = 0;
    let overlapped = false;
    const beat = async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      running -= 1;
    };

    const heartbeat = startHeartbeat(beat, 1000, () => undefined);
    await tick(10_000);
    const stopping = heartbeat.stop();
    await tick(3000);
    await stopping;

    expect(overlapped).toBe(false);
    expect(running).toBe(0);
  });
});
