import type { BenchResults, Figure } from './bench-results';

/**
 * The results as a table, one row per figure, ours and the baseline side
 * by side, followed by the notes each comparison needs to be read right.
 */
export function formatResults(results: BenchResults): string {
  const header = ['comparison', 'metric', 'ours', 'baseline', 'ours vs base'];
  const rows: string[][] = [];
  for (const comparison of results.comparisons) {
    comparison.figures.forEach((figure, index) => {
      rows.push([
        index === 0 ? comparison.title : '',
        figure.metric,
        withUnit(figure.ours, figure.unit),
        figure.baseline === null ? '-' : withUnit(figure.baseline, figure.unit),
        advantage(figure),
      ]);
    });
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 2
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();

  const { machine } = results;
  return [
    `${results.mode} run, ${results.seconds.toFixed(0)} s, ` +
      `${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `Node ${machine.node}, load ${machine.loadAtStart.join(' ')} at start`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...results.comparisons.flatMap((comparison) => [
      `${comparison.title}:`,
      `  ours:     ${comparison.ours}`,
      `  baseline: ${comparison.baseline}`,
      ...comparison.notes.map((note) => `  - ${note}`),
    ]),
  ].join('\n');
}

function withUnit(value: number, unit: string): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit ? `${text} ${unit}` : text;
}

/** How many times better ours is, in the figure's own direction. */
function advantage(figure: Figure): string {
  const { ours, baseline } = figure;
  if (baseline === null || ours <= 0 || baseline <= 0) return '-';
  const times = figure.lowerIsBetter ? baseline / ours : ours / baseline;
  return times >= 1
    ? `${times.toFixed(times >= 10 ? 0 : 1)}x better`
    : `${(1 / times).toFixed(1)}x worse`;
}
