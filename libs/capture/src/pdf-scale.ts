import type { ParsedCaptureJob } from './capture-job';

// Paper widths in CSS pixels (96 to the inch), upright and on its side.
const PAPER_PX = {
  A4: { upright: 8.27 * 96, sideways: 11.69 * 96 },
  Letter: { upright: 8.5 * 96, sideways: 11 * 96 },
};

/**
 * How much a PDF shrinks the host page so that the report lays out at
 * its screen width and the whole width fits the paper. Chromium shrinks
 * a top page that is too wide to fit, but not a frame: printed at the
 * paper's width, the report would lay out narrower than on screen and
 * cut off what does not fit.
 */
export function pdfScale(job: ParsedCaptureJob): number {
  const paper = PAPER_PX[job.pdf.pageSize];
  const width = job.pdf.landscape ? paper.sideways : paper.upright;
  return Math.min(1, width / job.viewport.width);
}
