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
  embedUrl(
    report: EmbeddedDashboard,
    parameters: ReportParameters,
  ): Promise<string>;
}
