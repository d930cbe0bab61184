import { openDatasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { HostAllowList, ReportServerUrls } from '@snapshots/quicksight-url';
import { dashboards, startReportServer } from '@snapshots/report-server';

import type { CaptureJob } from '../../src';

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
  /** Like {@link url}, through an embed session that expires. */
  sessionUrl(
    dashboardId: string,
    parameters: Record<string, string[]>,
    ttlSeconds: number,
  ): Promise<string>;
  /** How many visuals a good render of the dashboard draws. */
  expectedVisuals(dashboardId: string): number;
  stop(): Promise<void>;
}

/** The report server fails every visual of this school. */
export const FAILING_SCHOOL = 's-00012';

/**
 * The report server over a small in-memory data set (campuses s-00001 to
 * s-00012), with its log lines kept out of the test output.
 */
export async function startReportTarget(): Promise<ReportTarget> {
  const datasets = await openDatasets('sqlite::memory:');
  await datasets.seed({ campuses: 12, seed: 7 });
  const logger = createLogger('report-server');
  logger.setLogLevel('ERROR');
  const server = await startReportServer({
    database: datasets.sequelize,
    logger,
    failingSchools: [FAILING_SCHOOL],
  });

  return {
    baseUrl: server.url,
    allowList: new HostAllowList([server.url]),
    url: (dashboardId, parameters, fault) =>
      new ReportServerUrls({
        baseUrl: server.url,
        query: fault ? { fault } : {},
      }).embedUrl({ dashboardId }, parameters),
    sessionUrl: (dashboardId, parameters, ttlSeconds) =>
      new ReportServerUrls({
        baseUrl: server.url,
        sessionTtlSeconds: ttlSeconds,
      }).embedUrl({ dashboardId }, parameters),
    expectedVisuals: (dashboardId) =>
      dashboards.get(dashboardId)?.visuals.length ?? 0,
    stop: async () => {
      await server.stop();
      await datasets.close();
    },
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
