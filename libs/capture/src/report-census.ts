import type { Frame } from 'puppeteer-core';
import { z } from 'zod';

/** What the report's DOM shows of its visuals at one moment. */
export interface ReportCensus {
  /**
   * The frame carries the report server's markers. Without them nothing
   * below can be counted, and the census reads as nothing loading.
   */
  marked: boolean;
  visuals: number;
  loading: number;
  drawn: number;
  failed: string[];
  spinners: number;
}

const census = z.object({
  marked: z.boolean(),
  visuals: z.number(),
  loading: z.number(),
  drawn: z.number(),
  failed: z.array(z.string()),
  spinners: z.number(),
});

// The report page protocol: `main[data-dashboard-id]` holds visuals marked
// `[data-visual-id]` with `data-visual-state` loading | ready | error, and a
// `.spinner` shows inside a visual still loading. Kept as source text: a
// compiled function may reference helpers (e.g. `__name`) that do not
// exist in the page.
// Shortcoming: these are the report server's markers. A real QuickSight
// dashboard has none of them, so for it readiness rests on its events
// (CONTENT_LOADED, ERROR_OCCURRED), a quiet network and the blank check:
// a visual still drawing after CONTENT_LOADED, or fewer visuals than
// expected, go unseen. This goes away when QuickSight's own visual markers
// are read here, which needs a real dashboard to learn them from.
const CENSUS_SCRIPT = `(() => {
  const visuals = Array.from(document.querySelectorAll('[data-visual-id]'));
  const inState = (state) =>
    visuals.filter((visual) => visual.dataset.visualState === state);
  const spinners = Array.from(document.querySelectorAll('.spinner'))
    .filter((spinner) => spinner.offsetParent !== null);
  return {
    marked: document.querySelector('main[data-dashboard-id]') !== null,
    visuals: visuals.length,
    loading: inState('loading').length,
    drawn: inState('ready').length,
    failed: inState('error').map((visual) => visual.dataset.visualId || ''),
    spinners: spinners.length,
  };
})()`;

/** Counts the visuals of the report in `frame`, the report's own frame. */
export async function reportCensus(frame: Frame): Promise<ReportCensus> {
  return census.parse(await frame.evaluate(CENSUS_SCRIPT));
}
