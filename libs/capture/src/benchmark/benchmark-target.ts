import type { HostAllowList } from '@snapshots/quicksight-url';

/** The dashboard a benchmark captures, over and over with other values. */
export interface BenchmarkTarget {
  dashboardId: string;
  expectedVisuals: number;
  allowList: HostAllowList;
  /** Parameter values to cycle through, one set per capture. */
  parameterSets: Record<string, string[]>[];
  /** The URL to open for one set of values. */
  url(parameters: Record<string, string[]>): Promise<string>;
}
