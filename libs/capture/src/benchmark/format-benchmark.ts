import type { CaptureBenchmarkResults } from './run-capture-benchmark';
import type { BenchmarkRun } from './run-statistics';

/** The results as a small table, baseline and engine side by side. */
export function formatBenchmark(results: CaptureBenchmarkResults): string {
  const { width, height } = results.viewport;
  const header = ['run', 'slots', 'captures', 'per s', 'median ms', 'p95 ms'];
  const rows = [results.baseline, ...results.engine].map((run) => [
    run.name,
    String(run.concurrency),
    describeCaptures(run),
    run.capturesPerSecond.toFixed(2),
    String(run.medianMs),
    String(run.p95Ms),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');

  return [
    `dashboard ${results.dashboardId}, PNG ${width}x${height}`,
    line(header),
    ...rows.map(line),
    `best: engine with ${results.best.concurrency} slot(s), ` +
      `${results.best.capturesPerSecond.toFixed(2)} captures/s, ` +
      `${results.speedup}x the naive baseline`,
  ].join('\n');
}

function describeCaptures(run: BenchmarkRun): string {
  const notes = [
    run.failures > 0 ? `${run.failures} failed` : '',
    run.incomplete > 0 ? `${run.incomplete} incomplete` : '',
  ].filter(Boolean);
  return notes.length > 0
    ? `${run.captures} (${notes.join(', ')})`
    : String(run.captures);
}
