import { parseCaptureJob } from './capture-job';
import { pdfScale } from './pdf-scale';

const job = (png: { width: number }, pdf: { landscape?: boolean } = {}) =>
  parseCaptureJob({
    snapshotId: 'snp_1',
    url: 'http://127.0.0.1:4000/embed/public/dashboards/trends?q=1',
    parameters: {},
    format: 'pdf',
    expectedVisuals: 1,
    png,
    pdf: { pageSize: 'A4', ...pdf },
  });

describe('pdfScale', () => {
  it('shrinks a report wider than the paper to the paper’s width', () => {
    expect(pdfScale(job({ width: 1280 }))).toBeCloseTo((8.27 * 96) / 1280);
    expect(pdfScale(job({ width: 1280 }, { landscape: true }))).toBeCloseTo(
      (11.69 * 96) / 1280,
    );
  });

  it('never enlarges a report narrower than the paper', () => {
    expect(pdfScale(job({ width: 600 }))).toBe(1);
  });
});
