import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureBenchmarkResults } from '@snapshots/capture';
import type { Comparison } from './bench-results';
import type { BenchSizes } from './bench-sizes';
import { secondsSince } from './latency-stats';
import { runScript } from './run-script';

/**
 * Captures per second of the capture engine against a naive script, by
 * running the capture library's own benchmark (its report server, its
 * baseline) in a process of its own and reading the JSON it writes.
 */
export async function captureThroughput(
  sizes: BenchSizes['capture'],
  folder: string,
  say: (line: string) => void,
): Promise<Comparison> {
  const started = performance.now();
  const output = join(folder, 'capture-bench.json');
  await runScript(
    'libs/capture/bench/capture-bench.ts',
    [
      '--captures',
      String(sizes.captures),
      '--concurrency',
      sizes.concurrencies.join(','),
      '--baseline-captures',
      String(sizes.baselineCaptures),
      '--json',
      output,
    ],
    { onLine: (line) => line.startsWith('finished') && say(`  ${line}`) },
  );
  const results = JSON.parse(
    await readFile(output, 'utf8'),
  ) as CaptureBenchmarkResults;
  const { baseline, best } = results;

  return {
    id: 'capture-throughput',
    title: 'Captures per second',
    ours:
      `capture engine, ${best.concurrency} slot(s) (best of ` +
      `${sizes.concurrencies.join(', ')}): warm pages, parameters changed ` +
      'in place, waits until every visual has drawn',
    baseline: baseline.name,
    figures: [
      {
        metric: 'captures per second',
        unit: '/s',
        ours: best.capturesPerSecond,
        baseline: baseline.capturesPerSecond,
        lowerIsBetter: false,
      },
      {
        metric: 'median capture time',
        unit: 'ms',
        ours: best.medianMs,
        baseline: baseline.medianMs,
        lowerIsBetter: true,
      },
      {
        metric: 'p95 capture time',
        unit: 'ms',
        ours: best.p95Ms,
        baseline: baseline.p95Ms,
        lowerIsBetter: true,
      },
    ],
    notes: [
      `dashboard ${results.dashboardId}, PNG ${results.viewport.width}x` +
        `${results.viewport.height}; ${best.captures} engine captures, ` +
        `${baseline.captures} baseline captures`,
      `baseline pictures still loading: ${baseline.incomplete} of ` +
        `${baseline.captures}; engine failures: ${best.failures}`,
      'engine pool warmed with one capture per slot first (not counted)',
    ],
    detail: { ...results },
    seconds: secondsSince(started),
  };
}
