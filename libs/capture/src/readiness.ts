import { ReportRenderError } from './capture-error';
import type { EmbedEventLog } from './embed-events';
import type { NetworkMonitor } from './network-monitor';
import type { ReportCensus } from './report-census';

export interface ReadinessProbe {
  census(): Promise<ReportCensus>;
  events: EmbedEventLog;
  network: NetworkMonitor;
  /** Only events after this mark count. */
  mark: number;
  quietMs: number;
  signal: AbortSignal;
}

const POLL_MS = 50;

/**
 * Waits until the report is ready: it has posted CONTENT_LOADED since the
 * mark, no visual is loading or shows a spinner (in the report's frame),
 * and the host page's network, the frame's included, has been quiet for
 * `quietMs`. An ERROR_OCCURRED or a visual in error ends the wait
 * with a ReportRenderError. It never gives up on its own: the step's
 * deadline does (through `signal`).
 */
export async function waitUntilReady(
  probe: ReadinessProbe,
): Promise<ReportCensus> {
  const { events, network, mark, quietMs, signal } = probe;

  for (;;) {
    signal.throwIfAborted();
    throwIfReportFailed(events, mark);

    if (events.since(mark, 'CONTENT_LOADED').length > 0) {
      const census = await probe.census();
      const [failedVisual] = census.failed;
      if (failedVisual !== undefined) {
        throw new ReportRenderError('VISUAL_ERROR', failedVisual);
      }
      const settled = census.loading === 0 && census.spinners === 0;
      if (settled && network.quietForMs() >= quietMs) return census;
    }
    await events.nextEvent(POLL_MS);
  }
}

export function throwIfReportFailed(events: EmbedEventLog, mark: number) {
  const error = events.errorSince(mark);
  if (error) throw new ReportRenderError(error.errorCode, error.visualId);
}
