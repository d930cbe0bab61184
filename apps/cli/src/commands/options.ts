import { defaultCatalogue } from '@snapshots/reports';
import { UsageError } from './usage-error';

/** What the embedded service can hold on one machine. */
export const limits = {
  campuses: { min: 1, max: 10_000 },
  workers: { min: 1, max: 8 },
};

/**
 * A whole number option within bounds, e.g. `--campuses 24`: anything
 * else is the caller's mistake, named before anything starts.
 */
export function countOption(
  name: string,
  text: string,
  bounds: { min: number; max: number },
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max}, ` +
        `not '${text}'`,
    );
  }
  return value;
}

/** A report id the catalogue knows, or a list of those it does. */
export function reportOption(reportId: string): string {
  if (defaultCatalogue.get(reportId)) return reportId;
  const known = defaultCatalogue.list().map((report) => report.reportId);
  throw new UsageError(
    `unknown report '${reportId}'; reports: ${known.join(', ')}`,
  );
}
