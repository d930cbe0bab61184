import { SingleBar } from 'cli-progress';

export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
}

/**
 * A one-line progress bar with done, failed, rate and time left. On a
 * terminal it redraws in place; in a log (CI) it prints a line now and then.
 */
export function createProgressBar(label: string): {
  update(progress: BatchProgress): void;
  stop(): void;
} {
  const bar = new SingleBar({
    format:
      `${label} [{bar}] {value}/{total} ({ready} ready, {failed} failed) ` +
      '{rate}/s, {eta_formatted} left',
    barsize: 30,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    etaBuffer: 20,
  });
  const startedAt = Date.now();
  let started = false;

  return {
    update({ done, failed, total }) {
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      const payload = {
        ready: done,
        failed,
        rate: ((done + failed) / seconds).toFixed(1),
      };
      if (!started) {
        bar.start(Math.max(total, 1), done, payload);
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done + failed, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
