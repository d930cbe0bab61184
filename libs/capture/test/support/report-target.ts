import { openDatasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { HostAllowList, ReportServerUrls } from '@snapshots/quicksight-url';
import { dashboards, startReportServer } from '@snapshots/report-server';

import type { CaptureJob, ReportUrlProvider } from '../../src';

/**
 * Embed sessions of one dashboard, made only when a capture asks: each
 * call of a provider opens a new session, as each QuickSight embed URL
 * does, and is recorded in `opened`.
 */
export interface ReportSessions {
  /** The session name jobs of this dashboard give the pool. */
  session: string;
  /** A provider of URLs for these parameters. */
  provider(parameters: Record<string, string[]>): ReportUrlProvider;
  /** Every URL made so far, oldest first. */
  opened: string[];
}

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
  /** Session URLs made on demand; each lives `ttlSeconds`. */
  sessions(
    dashboardId: string,
    ttlSeconds: number,
    fault?: string,
  ): ReportSessions;
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
    sessions: (dashboardId, ttlSeconds, fault) => {
      const urls = new ReportServerUrls({
        baseUrl: server.url,
        sessionTtlSeconds: ttlSeconds,
        query: fault ? { fault } : {},
      });
      const opened: string[] = [];
      return {
        session: urls.sessionKey({ dashboardId }),
        provider: (parameters) => async () => {
          const url = await urls.embedUrl({ dashboardId }, parameters);
          opened.push(url);
          return url;
        },
        opened,
      };
    },
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
  url: CaptureJob['url'],
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
