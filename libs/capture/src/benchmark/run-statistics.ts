/** How one way of capturing did over a run. */
export interface BenchmarkRun {
  name: string;
  concurrency: number;
  captures: number;
  failures: number;
  /** Captures whose picture still showed loading visuals (naive only). */
  incomplete: number;
  seconds: number;
  capturesPerSecond: number;
  medianMs: number;
  p95Ms: number;
}

/** Throughput and latency of a run from its per-capture latencies. */
export function summariseRun(input: {
  name: string;
  concurrency: number;
  latenciesMs: number[];
  failures: number;
  incomplete?: number;
  seconds: number;
}): BenchmarkRun {
  const sorted = [...input.latenciesMs].sort((a, b) => a - b);
  return {
    name: input.name,
    concurrency: input.concurrency,
    captures: sorted.length,
    failures: input.failures,
    incomplete: input.incomplete ?? 0,
    seconds: round(input.seconds, 2),
    capturesPerSecond: round(sorted.length / input.seconds, 2),
    medianMs: Math.round(percentile(sorted, 0.5)),
    p95Ms: Math.round(percentile(sorted, 0.95)),
  };
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(share * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
