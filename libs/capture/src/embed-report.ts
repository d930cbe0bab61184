import type { OpenReport } from './capture-slot';
import { waitForReportFrame } from './report-frame';

/**
 * Goes to the host page, which embeds `report.embedding`, and waits until
 * the report's document has answered in its frame.
 *
 * @throws HostNotAllowedError when the frame is sent elsewhere,
 * ReportRenderError when the report or the SDK reports an error.
 */
export async function embedReport(
  report: OpenReport,
  hostPageUrl: string,
  signal: AbortSignal,
): Promise<void> {
  const mark = report.events.mark;
  report.frame.reset();
  await report.page.goto(hostPageUrl, {
    waitUntil: 'domcontentloaded',
    // The capture's deadline bounds this step, not puppeteer's.
    timeout: 0,
  });
  await waitForReportFrame({
    watch: report.frame,
    events: report.events,
    mark,
    origin: new URL(report.embedding.url).origin,
    blockedNavigation: () => report.blockedNavigation,
    signal,
  });
}
