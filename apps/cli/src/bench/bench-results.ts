/** One measured figure, this service's and the baseline's side by side. */
export interface Figure {
  metric: string;
  unit: string;
  ours: number;
  /** Null where no baseline was run for this figure. */
  baseline: number | null;
  /** Whether a smaller number is the better one (latency, memory). */
  lowerIsBetter: boolean;
}

export type ComparisonId =
  | 'capture-throughput'
  | 'private-latency'
  | 'single-flight'
  | 'plan-enqueue'
  | 'worker-memory';

/** One comparison of the suite: what ran on each side, and the figures. */
export interface Comparison {
  id: ComparisonId;
  title: string;
  /** What "ours" measured, in a sentence. */
  ours: string;
  /** What the baseline is, and how it was measured or derived. */
  baseline: string;
  figures: Figure[];
  /** Sample sizes, extrapolations and other things a reader must know. */
  notes: string[];
  /** The raw measurements behind the figures. */
  detail: Record<string, unknown>;
  seconds: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  /** One, five and fifteen minute load averages. */
  loadAtStart: number[];
  loadAtEnd: number[];
}

export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: MachineInfo;
  comparisons: Comparison[];
}
