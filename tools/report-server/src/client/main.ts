import type { PageConfig } from '../page-config';
import {
  formatFragment,
  parseFragment,
  type ParameterValues,
} from '../parameters/fragment';
import { DashboardView } from './dashboard-view';
import {
  joinEmbedding,
  onSetParameters,
  postToHost,
  reportSizeChanges,
  type ParameterChange,
} from './host';

/**
 * The dashboard page: reads its parameters from the URL fragment, as
 * QuickSight does, draws, and redraws in place when the fragment changes
 * or the host posts SET_PARAMETERS.
 */
function main(): void {
  const config = readConfig();
  joinEmbedding();
  reportSizeChanges();

  if (config.error) {
    window.__dashboard = { state: 'error', parameters: {} };
    postToHost('ERROR_OCCURRED', { errorCode: config.error.errorCode });
    return;
  }

  const root = document.querySelector<HTMLElement>('main[data-dashboard-id]');
  if (!root) return;
  const view = new DashboardView(config, root);
  let parameters = parseFragment(location.hash);

  const apply = (next: ParameterValues, changes: ParameterChange[]) => {
    parameters = next;
    postToHost('PARAMETERS_CHANGED', { changedParameters: changes });
    void view.draw(parameters);
  };

  window.addEventListener('hashchange', () => {
    const next = parseFragment(location.hash);
    const changes = differences(parameters, next);
    if (changes.length > 0) apply(next, changes);
  });

  onSetParameters((changes) => {
    const next = { ...parameters };
    for (const { Name, Values } of changes) {
      if (Values.length === 0) delete next[Name];
      else next[Name] = Values;
    }
    // replaceState does not fire hashchange: one redraw, not two.
    history.replaceState(
      null,
      '',
      formatFragment(next) || location.pathname + location.search,
    );
    apply(next, changes);
  });

  if (config.session) {
    setTimeout(() => view.expire(), config.session.expiresInMs);
  }

  void view.draw(parameters);
  if (config.fault === 'hang') setTimeout(hangRenderer, 50);
  if (config.fault === 'crash') setTimeout(exhaustMemory, 50);
}

function readConfig(): PageConfig {
  const text = document.getElementById('dashboard-config')?.textContent;
  return JSON.parse(text ?? '{}') as PageConfig;
}

function differences(
  before: ParameterValues,
  after: ParameterValues,
): ParameterChange[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter(
      (name) =>
        (before[name] ?? []).join('\n') !== (after[name] ?? []).join('\n'),
    )
    .map((name) => ({ Name: name, Values: after[name] ?? [] }));
}

/**
 * The `crash` fault: the page takes memory until V8 gives up and the
 * renderer process dies, the one way a page's own script can crash its
 * tab (a few seconds, some gigabytes for a moment).
 */
function exhaustMemory(): void {
  const kept: number[][] = [];
  for (;;) kept.push(new Array<number>(1_000_000).fill(Math.random()));
}

/**
 * The `hang` fault: the renderer's main thread stops answering, as when a
 * dashboard runs away. Bounded (five minutes) so that a forgotten tab does
 * not burn a core forever; a capture gives up long before.
 */
function hangRenderer(): void {
  const until = Date.now() + 5 * 60_000;
  while (Date.now() < until) {
    // Busy on purpose.
  }
}

main();
