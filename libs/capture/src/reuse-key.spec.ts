import { parseCaptureJob, type CaptureJob } from './capture-job';
import { reuseKey } from './capture-slot';

const base: CaptureJob = {
  snapshotId: 'snp_1',
  url: 'http://127.0.0.1:4000/dashboards/trends#p.School=s-001',
  parameters: { School: ['s-001'] },
  format: 'png',
  expectedVisuals: 3,
};
const key = (job: Partial<CaptureJob>) =>
  reuseKey(parseCaptureJob({ ...base, ...job }));

describe('reuseKey', () => {
  it('is the session a job names, whatever URL it would open', () => {
    const embed = (token: string, school: string) => () =>
      Promise.resolve(
        `http://127.0.0.1:4000/embed/${token}/d#p.School=${school}`,
      );

    const first = key({ session: 'trends', url: embed('t1', 's-001') });
    const second = key({
      session: 'trends',
      url: embed('t2', 's-002'),
      parameters: { School: ['s-002'] },
    });

    expect(second).toBe(first);
    expect(key({ session: 'trends|school=s-002' })).not.toBe(first);
  });

  it('tells sessions apart by viewport, which needs a fresh page', () => {
    expect(key({ session: 'trends' })).not.toBe(
      key({ session: 'trends', png: { width: 800 } }),
    );
  });

  it('is the URL without its fragment when no session is named', () => {
    const other = {
      url: 'http://127.0.0.1:4000/dashboards/trends#p.School=s-002',
      parameters: { School: ['s-002'] },
    };

    expect(key(other)).toBe(key({}));
    expect(
      key({
        ...other,
        url: 'http://127.0.0.1:4000/embed/t2/dashboards/trends#p.School=s-002',
      }),
    ).not.toBe(key({}));
  });
});
