import type { Datasets, YearSummary } from '@snapshots/datasets';
import type { ResolvedParameters } from '../parameters/resolve-parameters';

/** What a visual's query runs against; one per data request. */
export interface VisualContext {
  datasets: Datasets;
  parameters: ResolvedParameters;
  /** The yearly summary of the selection, read once per request. */
  summary(): Promise<YearSummary[]>;
}

export function createVisualContext(
  datasets: Datasets,
  parameters: ResolvedParameters,
): VisualContext {
  let summary: Promise<YearSummary[]> | undefined;
  return {
    datasets,
    parameters,
    summary: () =>
      (summary ??= datasets.yearlySummary(parameters.selection, {
        toYear: parameters.toYear,
      })),
  };
}
