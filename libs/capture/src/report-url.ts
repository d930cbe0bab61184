import type { HostAllowList } from '@snapshots/quicksight-url';

import { InvalidCaptureJobError, ReportUrlError } from './capture-error';
import { fragmentMatches, type ParsedCaptureJob } from './capture-job';

/**
 * The URL a fresh page for `job` opens: the job's own, or a new one from
 * its provider, held to what a fixed URL is held to at the pool's edge
 * (http or https, the job's parameters in its fragment) and to the
 * allow-list, all before any page exists.
 *
 * @throws ReportUrlError when the provider fails, HostNotAllowedError or
 * InvalidCaptureJobError when its URL may not or must not be opened.
 */
export async function reportUrl(
  job: ParsedCaptureJob,
  allowList: HostAllowList,
): Promise<string> {
  const url = typeof job.url === 'string' ? job.url : await provided(job.url);

  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidCaptureJobError([
      { path: 'url', message: 'provider gave a URL that is not http(s)' },
    ]);
  }
  allowList.assertAllowed(url);
  if (!fragmentMatches(url, job.parameters)) {
    throw new InvalidCaptureJobError([
      { path: 'parameters', message: 'must match the #p. fragment of url' },
    ]);
  }
  return url;
}

async function provided(provider: () => Promise<string>): Promise<string> {
  let url: unknown;
  try {
    url = await provider();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ReportUrlError(reason, { cause });
  }
  if (typeof url !== 'string') {
    throw new ReportUrlError('the provider gave no string');
  }
  return url;
}
