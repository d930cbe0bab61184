import { assertNotBlank } from './blank-image';
import type { BrowserSession } from './browser-host';
import { IncompleteCaptureError, ReportRenderError } from './capture-error';
import { sameParameters, type ParsedCaptureJob } from './capture-job';
import type { CaptureSlot, OpenReport } from './capture-slot';
import { reuseKey } from './capture-slot';
import { CaptureSteps } from './capture-steps';
import { waitUntilReady, throwIfReportFailed } from './readiness';
import { embedReport } from './embed-report';
import { pdfScale } from './pdf-scale';
import { reportUrl } from './report-url';
import { setParametersInPlace } from './set-parameters';

export interface CaptureResult {
  body: Buffer;
  contentType: string;
  /** Wall time of the capture, all attempts together. */
  renderMs: number;
  /** Milliseconds spent in each step. */
  steps: Record<string, number>;
  /** The report was already open and only its parameters changed. */
  reusedPage: boolean;
  /** 2 when the first attempt ended in a browser crash. */
  attempts: number;
}

export interface AttemptSettings {
  quietMs: number;
  blankThreshold: number;
  reusePages: boolean;
}

/**
 * Captures one job in one slot: open (or reuse) the report, apply the
 * parameters, wait until it is ready, capture, check. Only opening asks
 * the job for a URL. Any failure throws the page away, so a later job
 * never inherits a half-broken one.
 */
export async function captureInSlot(
  slot: CaptureSlot,
  session: BrowserSession,
  job: ParsedCaptureJob,
  settings: AttemptSettings,
  signal: AbortSignal,
): Promise<Omit<CaptureResult, 'attempts' | 'renderMs'>> {
  const abort = new AbortController();
  const unlink = [signal, session.exited].map((source) =>
    linkAbort(source, abort),
  );
  const steps = new CaptureSteps(job.timeoutMs, abort.signal);

  try {
    const warm = settings.reusePages
      ? slot.warmReport(job, session)
      : undefined;
    const report =
      warm ??
      (await steps.run('open', (stepSignal) =>
        open(slot, session, job, stepSignal),
      ));
    unlink.push(linkAbort(report.crashed, abort));

    const mark = warm
      ? await steps.run('apply-parameters', (stepSignal) =>
          applyInPlace(report, job, slot.hostPage.url, stepSignal),
        )
      : 0;
    await steps.run('wait-ready', async (stepSignal) => {
      if (mark === undefined) return stillReady(report);
      await waitUntilReady({
        ...report,
        mark,
        quietMs: settings.quietMs,
        signal: stepSignal,
      });
    });
    const body = await steps.run('capture', () => capture(report, job));
    await steps.run('check', () =>
      check(report, job, body, mark ?? report.warm?.mark ?? 0, settings),
    );

    report.warm = {
      key: reuseKey(job),
      parameters: job.parameters,
      mark: report.events.mark,
    };
    return {
      body: Buffer.from(body),
      contentType: job.format === 'png' ? 'image/png' : 'application/pdf',
      steps: { ...steps.timings },
      reusedPage: warm !== undefined,
    };
  } catch (error) {
    await slot.closeReport();
    throw error;
  } finally {
    for (const stop of unlink) stop();
  }
}

async function open(
  slot: CaptureSlot,
  session: BrowserSession,
  job: ParsedCaptureJob,
  signal: AbortSignal,
): Promise<OpenReport> {
  const url = await reportUrl(job, slot.allowList);
  const report = await slot.openReport(
    session,
    job.viewport,
    url,
    job.parameters,
  );
  await embedReport(report, slot.hostPage.url, signal);
  return report;
}

/**
 * Changes the parameters of the open report. Returns the event mark the
 * redraw counts from, or undefined when nothing had to change.
 */
async function applyInPlace(
  report: OpenReport,
  job: ParsedCaptureJob,
  hostPageUrl: string,
  signal: AbortSignal,
): Promise<number | undefined> {
  // A report that failed since (an expired session, say) is not reused.
  throwIfReportFailed(report.events, report.warm?.mark ?? 0);
  if (sameParameters(report.warm?.parameters ?? {}, job.parameters)) {
    return undefined;
  }
  return setParametersInPlace(report, job, hostPageUrl, signal);
}

// Nothing changed since the last good capture: it must still be healthy.
async function stillReady(report: OpenReport): Promise<void> {
  throwIfReportFailed(report.events, report.warm?.mark ?? 0);
  const census = await report.census();
  if (census.loading > 0 || census.spinners > 0) {
    throw new ReportRenderError('REDRAWN_WITHOUT_CHANGE');
  }
}

async function capture(
  report: OpenReport,
  job: ParsedCaptureJob,
): Promise<Uint8Array> {
  if (job.format === 'pdf') {
    return report.page.pdf({
      format: job.pdf.pageSize,
      landscape: job.pdf.landscape,
      printBackground: true,
      scale: pdfScale(job),
    });
  }
  return report.page.screenshot({
    type: 'png',
    fullPage: job.fullPage,
    captureBeyondViewport: job.fullPage,
    // Faster compression: a little larger, the same pixels.
    optimizeForSpeed: true,
  });
}

async function check(
  report: OpenReport,
  job: ParsedCaptureJob,
  body: Uint8Array,
  mark: number,
  settings: AttemptSettings,
): Promise<void> {
  throwIfReportFailed(report.events, mark);
  const census = await report.census();
  // Unmarked (QuickSight): its visuals cannot be counted here, see the
  // shortcoming in report-census.ts; CONTENT_LOADED and the blank check
  // stand in for them.
  if (census.marked) {
    const [failedVisual] = census.failed;
    if (failedVisual !== undefined) {
      throw new ReportRenderError('VISUAL_ERROR', failedVisual);
    }
    if (census.drawn < job.expectedVisuals) {
      throw new IncompleteCaptureError(job.expectedVisuals, census.drawn);
    }
  }

  // A PDF cannot be decoded here; the screen it was printed from can.
  const picture =
    job.format === 'png' ? body : await report.page.screenshot({ type: 'png' });
  assertNotBlank(picture, settings.blankThreshold);
}

function linkAbort(source: AbortSignal, target: AbortController): () => void {
  if (source.aborted) {
    target.abort(source.reason);
    return () => undefined;
  }
  const forward = () => target.abort(source.reason);
  source.addEventListener('abort', forward, { once: true });
  return () => source.removeEventListener('abort', forward);
}
