import type { CaptureJob } from '../../src';
import { HostAllowList, ReportServerUrls } from '@snapshots/quicksight-url';

import { startFixtureServer } from '../fixtures/fixture-server';

/** A running report server that captures can be pointed at. */
export interface ReportTarget {
  baseUrl: string;
  allowList: HostAllowList;
  /** URL of a dashboard with its parameter fragment (and a fault). */
  url(
    dashboardId: string,
    parameters: Record<string, string[]>,
    fault?: string,
  ): Promise<string>;
  /** How many visuals a good render of the dashboard draws. */
  expectedVisuals(dashboardId: string): number;
  stop(): Promise<void>;
}

export async function startReportTarget(): Promise<ReportTarget> {
  const server = await startFixtureServer();
  return {
    baseUrl: server.url,
    allowList: new HostAllowList([server.url]),
    url: (dashboardId, parameters, fault) =>
      new ReportServerUrls({
        baseUrl: server.url,
        query: fault ? { fault } : {},
      }).embedUrl({ dashboardId }, parameters),
    expectedVisuals: () => 3,
    stop: () => server.stop(),
  };
}

/** A PNG job for `url` with short, test-friendly limits. */
export function pngJob(
  url: string,
  parameters: Record<string, string[]>,
  overrides: Partial<CaptureJob> = {},
): CaptureJob {
  return {
    snapshotId: `snp_${Math.random().toString(36).slice(2, 10)}`,
    url,
    parameters,
    format: 'png',
    expectedVisuals: 3,
    timeoutMs: 20_000,
    ...overrides,
  };
}
