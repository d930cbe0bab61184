import type { Page } from 'puppeteer-core';
import { z } from 'zod';

/** What the report's DOM shows of its visuals at one moment. */
export interface ReportCensus {
  /** The page has the report's root element. */
  isReport: boolean;
  visuals: number;
  loading: number;
  drawn: number;
  failed: string[];
  spinners: number;
}

const census = z.object({
  isReport: z.boolean(),
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
// Shortcoming: these are the report server's selectors. A real QuickSight
// dashboard marks its visuals differently and would be taken for
// NOT_A_REPORT; this goes away when the census reads QuickSight's own
// markers (or its visual count from CONTENT_LOADED) behind this function.
const CENSUS_SCRIPT = `(() => {
  const visuals = Array.from(document.querySelectorAll('[data-visual-id]'));
  const inState = (state) =>
    visuals.filter((visual) => visual.dataset.visualState === state);
  const spinners = Array.from(document.querySelectorAll('.spinner'))
    .filter((spinner) => spinner.offsetParent !== null);
  return {
    isReport: document.querySelector('main[data-dashboard-id]') !== null,
    visuals: visuals.length,
    loading: inState('loading').length,
    drawn: inState('ready').length,
    failed: inState('error').map((visual) => visual.dataset.visualId || ''),
    spinners: spinners.length,
  };
})()`;

export async function reportCensus(page: Page): Promise<ReportCensus> {
  return census.parse(await page.evaluate(CENSUS_SCRIPT));
}
