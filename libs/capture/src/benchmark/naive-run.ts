import { launchBrowser } from '../launch-browser';
import { reportCensus } from '../report-census';
import type { BenchmarkTarget } from './benchmark-target';
import { summariseRun, type BenchmarkRun } from './run-statistics';

export interface NaiveRunOptions {
  captures: number;
  sleepMs: number;
  chromePath: string;
  viewport: { width: number; height: number };
}

/**
 * The baseline: what a first script does. For every capture it launches a
 * browser, opens the URL, sleeps a fixed time, takes a screenshot and
 * closes the browser, one capture after another. Whether the visuals were
 * drawn by then is only counted, as the baseline itself never checks.
 */
export async function naiveRun(
  target: BenchmarkTarget,
  options: NaiveRunOptions,
): Promise<BenchmarkRun> {
  const latencies: number[] = [];
  let failures = 0;
  let incomplete = 0;
  const started = performance.now();

  for (let index = 0; index < options.captures; index++) {
    const parameters = pick(target.parameterSets, index);
    const url = await target.url(parameters);
    const captureStarted = performance.now();
    const browser = await launchBrowser(options.chromePath);
    try {
      const page = await browser.newPage();
      await page.setViewport(options.viewport);
      await page.goto(url, { waitUntil: 'load' });
      await new Promise((resolve) => setTimeout(resolve, options.sleepMs));
      await page.screenshot({ type: 'png' });
      latencies.push(performance.now() - captureStarted);

      const census = await reportCensus(page.mainFrame());
      if (census.drawn < target.expectedVisuals) incomplete++;
    } catch {
      failures++;
    } finally {
      await browser.close();
    }
  }

  return summariseRun({
    name: `naive (browser per capture, ${options.sleepMs} ms sleep)`,
    concurrency: 1,
    latenciesMs: latencies,
    failures,
    incomplete,
    seconds: (performance.now() - started) / 1000,
  });
}

export function pick<T>(items: T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new RangeError('nothing to pick from');
  return item;
}
