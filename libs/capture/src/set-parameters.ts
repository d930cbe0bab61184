import { withParameterFragment } from '@snapshots/quicksight-url';
import { z } from 'zod';

import type { ParsedCaptureJob } from './capture-job';
import { embeddingOf, type OpenReport } from './capture-slot';
import { embedReport } from './embed-report';

// What the host page's `setParameters` answers: the SDK's response.
const sdkAnswer = z.object({
  success: z.boolean(),
  errorCode: z.string().optional(),
});

/**
 * Changes the open report's parameters through the host page's Embedding
 * SDK (`setParameters`), and returns the event mark its redraw counts
 * from. A report that does not accept the change (the SDK answers an
 * error, or nothing within its own 5 s) is embedded again with the job's
 * parameters, and never asked in place again.
 */
export async function setParametersInPlace(
  report: OpenReport,
  job: ParsedCaptureJob,
  hostPageUrl: string,
  signal: AbortSignal,
): Promise<number> {
  const mark = report.events.mark;
  const changes = Object.entries(job.parameters).map(([Name, Values]) => ({
    Name,
    Values,
  }));
  const answer = sdkAnswer.safeParse(
    await report.page.evaluate(
      `window.snapshotsHost.setParameters(${JSON.stringify(changes)})`,
    ),
  );
  if (answer.success && answer.data.success) return mark;

  report.acceptsParameters = false;
  report.url =
    typeof job.url === 'string'
      ? job.url
      : withParameterFragment(report.url, job.parameters);
  report.embedding = embeddingOf(report.url, job.parameters);
  await report.page.goto('about:blank');
  await embedReport(report, hostPageUrl, signal);
  return mark;
}
