import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { createLogger, type Logger } from '@snapshots/logging';

import { resolveChromePath } from '../launch-browser';
import type { BenchmarkTarget } from './benchmark-target';
import { engineRun } from './engine-run';
import { naiveRun } from './naive-run';
import type { BenchmarkRun } from './run-statistics';

export interface CaptureBenchmarkOptions {
  target: BenchmarkTarget;
  /** Captures in each engine run; 24 by default. */
  captures?: number;
  /** Engine concurrencies to try; 1, 2 and 3 by default. */
  concurrencies?: number[];
  /** Captures in the naive run (each launches a browser); 6 by default. */
  baselineCaptures?: number;
  /** The naive run's fixed wait after loading; 2000 ms by default. */
  baselineSleepMs?: number;
  viewport?: { width: number; height: number };
  chromePath?: string;
  /** Where to write the results as JSON, if anywhere. */
  outputPath?: string;
  /** The engine's log; quiet (errors only) by default. */
  logger?: Logger;
  /** Called as each run ends, e.g. to show progress. */
  onRun?: (run: BenchmarkRun) => void;
}

export interface CaptureBenchmarkResults {
  dashboardId: string;
  viewport: { width: number; height: number };
  startedAt: string;
  baseline: BenchmarkRun;
  engine: BenchmarkRun[];
  /** The engine run with the most captures per second. */
  best: BenchmarkRun;
  /** Best engine throughput over the baseline's. */
  speedup: number;
}

/**
 * Captures one dashboard the naive way and with this engine at each
 * concurrency, in one process on one machine, so the figures compare.
 *
 * @example
 * const results = await runCaptureBenchmark({ target, captures: 30 });
 * console.log(formatBenchmark(results));
 */
export async function runCaptureBenchmark(
  options: CaptureBenchmarkOptions,
): Promise<CaptureBenchmarkResults> {
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const chromePath = resolveChromePath(options.chromePath);
  const logger = options.logger ?? quietLogger();
  const startedAt = new Date().toISOString();

  const baseline = await naiveRun(options.target, {
    captures: options.baselineCaptures ?? 6,
    sleepMs: options.baselineSleepMs ?? 2_000,
    chromePath,
    viewport,
  });
  options.onRun?.(baseline);

  const engine: BenchmarkRun[] = [];
  for (const concurrency of options.concurrencies ?? [1, 2, 3]) {
    const run = await engineRun(options.target, {
      captures: options.captures ?? 24,
      concurrency,
      chromePath,
      viewport,
      logger,
    });
    engine.push(run);
    options.onRun?.(run);
  }

  const best = engine.reduce((a, b) =>
    b.capturesPerSecond > a.capturesPerSecond ? b : a,
  );
  const results: CaptureBenchmarkResults = {
    dashboardId: options.target.dashboardId,
    viewport,
    startedAt,
    baseline,
    engine,
    best,
    speedup:
      baseline.capturesPerSecond > 0
        ? Math.round(
            (best.capturesPerSecond / baseline.capturesPerSecond) * 10,
          ) / 10
        : Number.POSITIVE_INFINITY,
  };

  if (options.outputPath) {
    await mkdir(dirname(options.outputPath), { recursive: true });
    await writeFile(options.outputPath, JSON.stringify(results, null, 2));
  }
  return results;
}

function quietLogger(): Logger {
  const logger = createLogger('capture-bench');
  logger.setLogLevel('ERROR');
  return logger;
}
