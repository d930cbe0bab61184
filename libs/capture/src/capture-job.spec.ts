import { InvalidCaptureJobError } from './capture-error';
import { DEFAULT_TIMEOUT_MS, parseCaptureJob } from './capture-job';

const job = {
  snapshotId: 'snp_1',
  url: 'http://127.0.0.1:4000/dashboards/trends#p.School=s-001',
  parameters: { School: ['s-001'] },
  format: 'png' as const,
  expectedVisuals: 3,
};

describe('parseCaptureJob', () => {
  it('fills in the defaults', () => {
    const parsed = parseCaptureJob(job);

    expect(parsed).toMatchObject({
      timeoutMs: DEFAULT_TIMEOUT_MS,
      viewport: { width: 1280, height: 800, deviceScaleFactor: 1 },
      fullPage: false,
      pdf: { pageSize: 'A4', landscape: false },
    });
  });

  it('keeps what the job says', () => {
    const parsed = parseCaptureJob({
      ...job,
      format: 'pdf',
      timeoutMs: 5_000,
      png: { width: 800, height: 600, deviceScaleFactor: 2, fullPage: true },
      pdf: { pageSize: 'Letter', landscape: true },
    });

    expect(parsed).toMatchObject({
      timeoutMs: 5_000,
      viewport: { width: 800, height: 600, deviceScaleFactor: 2 },
      fullPage: true,
      pdf: { pageSize: 'Letter', landscape: true },
    });
  });

  it('refuses parameters that differ from the URL fragment', () => {
    const attempt = () =>
      parseCaptureJob({ ...job, parameters: { School: ['s-002'] } });

    expect(attempt).toThrow(InvalidCaptureJobError);
    expect(attempt).toThrow(/parameters must match the #p\. fragment/);
  });

  it('takes a value list in the same order as the fragment', () => {
    const url = 'https://r.example.com/d#p.Measure=b&p.Measure=a&p.X=%20';

    expect(() =>
      parseCaptureJob({
        ...job,
        url,
        parameters: { Measure: ['b', 'a'], X: [' '], Empty: [] },
      }),
    ).not.toThrow();
    expect(() =>
      parseCaptureJob({ ...job, url, parameters: { Measure: ['a', 'b'] } }),
    ).toThrow(InvalidCaptureJobError);
  });

  it('takes a URL provider with the session it opens', () => {
    const provider = () => Promise.resolve(job.url);

    const parsed = parseCaptureJob({
      ...job,
      url: provider,
      session: 'trends',
    });

    expect(parsed.url).toBe(provider);
    expect(parsed.session).toBe('trends');
  });

  it('refuses a URL provider without a session to name', () => {
    const attempt = () =>
      parseCaptureJob({ ...job, url: () => Promise.resolve(job.url) });

    expect(attempt).toThrow(InvalidCaptureJobError);
    expect(attempt).toThrow(/session is required when url is a provider/);
  });

  it('refuses a URL that is not http or https', () => {
    expect(() =>
      parseCaptureJob({ ...job, url: 'file:///etc/passwd', parameters: {} }),
    ).toThrow(InvalidCaptureJobError);
  });

  it('names every bad field', () => {
    const attempt = () =>
      parseCaptureJob({
        ...job,
        snapshotId: '',
        expectedVisuals: -1,
        png: { deviceScaleFactor: 10 },
      });

    expect(attempt).toThrow(InvalidCaptureJobError);
    try {
      attempt();
    } catch (error) {
      const paths = (error as InvalidCaptureJobError).issues.map((i) => i.path);
      expect(paths).toEqual([
        'snapshotId',
        'expectedVisuals',
        'png.deviceScaleFactor',
      ]);
    }
  });
});
