import type { DashboardDefinition } from '../dashboards/dashboard';
import type { Fault } from '../faults';
import { escapeHtml } from '../http/respond';
import type { PageConfig } from '../page-config';

/**
 * The dashboard page: its frame and every visual in the loading state,
 * drawn by the server so that spinners show before any script runs. The
 * page bundle then loads the data and draws.
 */
export function renderDashboardPage(
  dashboard: DashboardDefinition,
  options: { fault?: Fault; session?: PageConfig['session'] },
): string {
  const config: PageConfig = {
    dashboardId: dashboard.dashboardId,
    title: dashboard.title,
    visuals: dashboard.visuals.map(({ visualId, title, kind }) => ({
      visualId,
      title,
      kind,
    })),
    fault: options.fault,
    session: options.session,
  };

  const visuals = dashboard.visuals
    .map(
      (visual) => `
      <article class="visual visual-${visual.kind} span-${visual.span}"
        data-visual-id="${escapeHtml(visual.visualId)}"
        data-visual-state="loading">
        <h2>${escapeHtml(visual.title)}</h2>
        <div class="visual-body"><div class="spinner" role="status"></div></div>
      </article>`,
    )
    .join('');

  return frame(
    config,
    `<main data-dashboard-id="${escapeHtml(dashboard.dashboardId)}"
      data-visual-count="${dashboard.visuals.length}">
      <header class="sheet-header">
        <div>
          <p class="eyebrow">Schools performance</p>
          <h1>${escapeHtml(dashboard.title)}</h1>
          <p class="scope" data-scope>&nbsp;</p>
        </div>
        <ul class="parameters" data-parameters></ul>
      </header>
      <section class="grid">${visuals}
      </section>
    </main>`,
  );
}

/**
 * An error page (unknown dashboard, bad request, expired session). It has
 * no `data-dashboard-id`, so nothing takes it for a report, and its script
 * posts ERROR_OCCURRED with the code.
 */
export function renderErrorPage(error: {
  errorCode: string;
  title: string;
  message: string;
}): string {
  const config: PageConfig = {
    dashboardId: '',
    title: error.title,
    visuals: [],
    error: { errorCode: error.errorCode, message: error.message },
  };
  return frame(
    config,
    `<main class="error-page" data-error-code="${escapeHtml(error.errorCode)}"
      data-visual-count="0">
      <h1>${escapeHtml(error.title)}</h1>
      <p>${escapeHtml(error.message)}</p>
    </main>`,
  );
}

/**
 * The Embedding SDK's control frame: its script hands what the host page
 * sends to the dashboards of the same embedding context.
 */
export function renderControlPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Embedding control</title>
  <script src="/assets/embed-control.js" defer></script>
</head>
<body></body>
</html>
`;
}

function frame(config: PageConfig, body: string): string {
  // `<` escaped so that no value can close the script element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(config.title)}</title>
  <link rel="stylesheet" href="/assets/dashboard.css">
  <script type="application/json" id="dashboard-config">${json}</script>
  <script src="/assets/chart.umd.min.js" defer></script>
  <script src="/assets/dashboard.js" defer></script>
</head>
<body>
  ${body}
</body>
</html>
`;
}
