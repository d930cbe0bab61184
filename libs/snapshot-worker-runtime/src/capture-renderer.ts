import type { CaptureJob, CaptureResult } from '@snapshots/capture';
import type { EmbedUrlSource } from '@snapshots/quicksight-url';
import { reportParameters, type ReportCatalogue } from '@snapshots/reports';
import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import type { RenderResult, SnapshotRenderer } from './ports';

export interface CaptureRendererOptions {
  catalogue: Pick<ReportCatalogue, 'require'>;
  urls: EmbedUrlSource;
  pool: {
    capture(
      job: CaptureJob,
      options: { signal?: AbortSignal; ids?: Record<string, string | number> },
    ): Promise<CaptureResult>;
  };
  /** Limit of one capture; the capture engine's default when absent. */
  timeoutMs?: number;
}

/**
 * Renders a job's report with its parameters: the catalogue says which
 * dashboard and how many visuals, the URL source names its embed session
 * and makes a URL when the pool must open a fresh page, the capture pool
 * takes the picture. Jobs of one session that follow each other on a
 * slot change the parameters of its warm page, at no new embed URL.
 */
export class CaptureRenderer implements SnapshotRenderer {
  constructor(private readonly options: CaptureRendererOptions) {}

  async render(
    job: SnapshotJob,
    {
      signal,
      ids,
    }: { signal: AbortSignal; ids: Record<string, string | number> },
  ): Promise<RenderResult> {
    const { catalogue, urls, pool, timeoutMs } = this.options;
    const report = catalogue.require(job.reportId);
    const parameters = reportParameters(report, job.request);

    const result = await pool.capture(
      {
        snapshotId: job.snapshotId,
        session: urls.sessionKey(report, parameters),
        url: () => urls.embedUrl(report, parameters),
        parameters,
        format: job.request.format,
        expectedVisuals: report.expectedVisuals,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      },
      { signal, ids },
    );
    return {
      body: result.body,
      contentType: result.contentType,
      renderMs: result.renderMs,
      steps: result.steps,
    };
  }
}
