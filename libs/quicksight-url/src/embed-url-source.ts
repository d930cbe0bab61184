import type { ReportParameters } from './parameter-fragment';

/** What an embed URL is built for: the dashboard of one report. */
export interface EmbeddedDashboard {
  dashboardId: string;
}

/**
 * Where captures get the URL to open: real QuickSight or the local report
 * server. The URL already carries the parameter fragment.
 */
export interface EmbedUrlSource {
  /** A new URL; with QuickSight a new one-time code, so a new session. */
  embedUrl(
    report: EmbeddedDashboard,
    parameters: ReportParameters,
  ): Promise<string>;

  /**
   * Names the embed session a URL for these parameters would open:
   * everything that decides what the viewer may see (the dashboard, the
   * user, row-level security tags), nothing that a page changes in place.
   * Two requests with the same key may share one open page, changing only
   * its parameters, without either seeing more than its own session would.
   */
  sessionKey(report: EmbeddedDashboard, parameters: ReportParameters): string;
}
