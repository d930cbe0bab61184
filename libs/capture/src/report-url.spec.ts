import { HostAllowList, HostNotAllowedError } from '@snapshots/quicksight-url';

import { InvalidCaptureJobError, ReportUrlError } from './capture-error';
import { parseCaptureJob, type CaptureJob } from './capture-job';
import { reportUrl } from './report-url';

const allowList = new HostAllowList(['https://reports.example.com']);
const parameters = { School: ['s-001'] };

const job = (url: CaptureJob['url']) =>
  parseCaptureJob({
    snapshotId: 'snp_1',
    session: 'trends',
    url,
    parameters,
    format: 'png',
    expectedVisuals: 3,
  });

describe('reportUrl', () => {
  it('opens a fixed URL as it is', async () => {
    const url = 'https://reports.example.com/d/trends#p.School=s-001';

    await expect(reportUrl(job(url), allowList)).resolves.toBe(url);
  });

  it('asks the provider, once, for a URL to open', async () => {
    const url = 'https://reports.example.com/embed/t1/d#p.School=s-001';
    const provider = jest.fn(() => Promise.resolve(url));

    await expect(reportUrl(job(provider), allowList)).resolves.toBe(url);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('refuses a provided URL on a host that is not allowed', async () => {
    const attempt = reportUrl(
      job(() => Promise.resolve('https://evil.io/d#p.School=s-001')),
      allowList,
    );

    await expect(attempt).rejects.toThrow(HostNotAllowedError);
  });

  it('refuses a provided URL whose fragment says other parameters', async () => {
    const attempt = reportUrl(
      job(() =>
        Promise.resolve('https://reports.example.com/d#p.School=s-002'),
      ),
      allowList,
    );

    await expect(attempt).rejects.toThrow(InvalidCaptureJobError);
    await expect(attempt).rejects.toThrow(/must match the #p\. fragment/);
  });

  it('refuses a provided URL that is not http(s)', async () => {
    const attempt = reportUrl(
      job(() => Promise.resolve('javascript:alert(1)#p.School=s-001')),
      allowList,
    );

    await expect(attempt).rejects.toThrow(InvalidCaptureJobError);
  });

  it('says why the provider failed, keeping its error', async () => {
    const failure = new Error('no embed URL for dashboard trends: denied');

    const attempt = reportUrl(
      job(() => Promise.reject(failure)),
      allowList,
    );

    await expect(attempt).rejects.toThrow(ReportUrlError);
    await expect(attempt).rejects.toMatchObject({
      cause: failure,
      message: expect.stringContaining('denied'),
    });
  });
});
