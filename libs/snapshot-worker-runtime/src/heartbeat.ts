/** A running heartbeat; `stop` waits for a beat that is under way. */
export interface Heartbeat {
  stop(): Promise<void>;
}

/**
 * Calls `beat` now and then every `intervalMs` after the previous beat has
 * finished, so beats never overlap and a slow one only delays the next.
 * A beat that throws is handed to `onError` and the heartbeat goes on.
 */
export function startHeartbeat(
  beat: () => Promise<void>,
  intervalMs: number,
  onError: (error: unknown) => void,
): Heartbeat {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const run = () => {
    current = beat()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  run();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
