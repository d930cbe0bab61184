import { withParameterFragment } from '@snapshots/quicksight-url';

import type { ParsedCaptureJob } from './capture-job';
import type { OpenReport } from './capture-slot';
import { pause } from './capture-steps';

// How long a report gets to acknowledge SET_PARAMETERS before it is taken
// not to accept changes in place and is loaded afresh instead.
const ACKNOWLEDGE_MS = 3_000;

/**
 * Posts SET_PARAMETERS to the open report, as the QuickSight Embedding SDK
 * does, and returns the event mark its redraw counts from. A report that
 * does not answer with PARAMETERS_CHANGED (or a redraw) is loaded again
 * from the URL it was opened at, with the job's fragment, and never asked
 * in place again.
 */
export async function setParametersInPlace(
  report: OpenReport,
  job: ParsedCaptureJob,
  signal: AbortSignal,
): Promise<number> {
  const mark = report.events.mark;
  const message = {
    eventName: 'SET_PARAMETERS',
    message: Object.entries(job.parameters).map(([Name, Values]) => ({
      Name,
      Values,
    })),
  };
  await report.page.evaluate(
    `window.postMessage(${JSON.stringify(message)}, '*')`,
  );

  const started = Date.now();
  while (Date.now() - started < ACKNOWLEDGE_MS) {
    if (report.events.since(mark).length > 0) return mark;
    await Promise.race([report.events.nextEvent(100), pause(100, signal)]);
  }

  report.acceptsParameters = false;
  const url =
    typeof job.url === 'string'
      ? job.url
      : withParameterFragment(report.url, job.parameters);
  await report.page.goto('about:blank');
  await report.page.goto(url, {
    waitUntil: 'domcontentloaded',
    timeout: 0,
  });
  return mark;
}
