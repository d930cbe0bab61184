import type { Logger } from '@snapshots/logging';

import { CapturePool } from '../capture-pool';
import type { BenchmarkTarget } from './benchmark-target';
import { pick } from './naive-run';
import { summariseRun, type BenchmarkRun } from './run-statistics';

export interface EngineRunOptions {
  captures: number;
  concurrency: number;
  chromePath: string;
  viewport: { width: number; height: number };
  logger: Logger;
}

/**
 * This engine at one concurrency: a pool with that many slots, warmed
 * with one capture per slot (not counted, as a worker pays it once), then
 * `captures` captures with new parameter values, `concurrency` at a time.
 */
export async function engineRun(
  target: BenchmarkTarget,
  options: EngineRunOptions,
): Promise<BenchmarkRun> {
  const pool = await CapturePool.launch({
    slots: options.concurrency,
    chromePath: options.chromePath,
    allowList: target.allowList,
    logger: options.logger,
  });
  const captureAt = async (index: number) => {
    const parameters = pick(target.parameterSets, index);
    await pool.capture({
      snapshotId: `bench-${options.concurrency}-${index}`,
      url: await target.url(parameters),
      parameters,
      format: 'png',
      expectedVisuals: target.expectedVisuals,
      png: options.viewport,
    });
  };

  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, (_, slot) =>
        captureAt(-1 - slot + target.parameterSets.length),
      ),
    );

    const latencies: number[] = [];
    let failures = 0;
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      for (let index = next++; index < options.captures; index = next++) {
        const captureStarted = performance.now();
        try {
          await captureAt(index);
          latencies.push(performance.now() - captureStarted);
        } catch {
          failures++;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, lane));

    return summariseRun({
      name: 'engine (warm pages, parameters in place)',
      concurrency: options.concurrency,
      latenciesMs: latencies,
      failures,
      seconds: (performance.now() - started) / 1000,
    });
  } finally {
    await pool.close();
  }
}
