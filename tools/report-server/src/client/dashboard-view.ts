import type { PageConfig } from '../page-config';
import { appendParameters, type ParameterValues } from '../parameters/fragment';
import type { ScopePayload, VisualPayload } from '../visual-payload';
import { drawVisual, showError, showLoading, type Drawn } from './draw-visual';
import { postToHost } from './host';
import { LoadFailure, loadJson } from './load-json';

export type DashboardState = 'loading' | 'ready' | 'error';

/** For debugging only: what the page is doing right now. */
export interface DebugView {
  state: DashboardState;
  parameters: ParameterValues;
}

declare global {
  interface Window {
    __dashboard: DebugView;
  }
}

/**
 * Draws the dashboard for one set of parameters at a time. Each draw has a
 * generation; a newer draw aborts the older one's requests and anything
 * that still arrives for it is dropped. A draw ends in CONTENT_LOADED when
 * every visual is drawn, or in one ERROR_OCCURRED.
 */
export class DashboardView {
  private generation = 0;
  private requests = new AbortController();
  private readonly drawn = new Map<string, Drawn>();
  private expired = false;

  constructor(
    private readonly config: PageConfig,
    private readonly root: HTMLElement,
  ) {
    window.__dashboard = { state: 'loading', parameters: {} };
  }

  async draw(parameters: ParameterValues): Promise<void> {
    const generation = ++this.generation;
    this.requests.abort();
    const requests = (this.requests = new AbortController());
    window.__dashboard = { state: 'loading', parameters };
    if (this.expired) return this.fail(generation, 'SESSION_EXPIRED');
    showParameters(this.root, parameters);

    if (this.config.fault === 'empty') return this.drawNothing(generation);

    const query = this.query(parameters);
    const visuals = this.config.visuals.map((v) => v.visualId);
    const results = await Promise.all([
      this.loadScope(query, requests.signal, generation),
      ...visuals.map((id) =>
        this.loadVisual(id, query, requests.signal, generation),
      ),
    ]);
    if (generation !== this.generation || !results.every(Boolean)) return;

    await nextPaint();
    if (generation !== this.generation) return;
    window.__dashboard.state = 'ready';
    postToHost('CONTENT_LOADED', { visualCount: visuals.length });
  }

  /** Ends the embed session: nothing more loads. */
  expire(): void {
    this.expired = true;
    this.requests.abort();
    const banner = document.createElement('div');
    banner.className = 'session-expired';
    banner.textContent =
      'This session has expired. Reload the report to continue.';
    this.root.prepend(banner);
    this.fail(++this.generation, 'SESSION_EXPIRED');
  }

  private async loadVisual(
    visualId: string,
    query: string,
    signal: AbortSignal,
    generation: number,
  ): Promise<boolean> {
    const visual = this.visual(visualId);
    if (!visual) return false;
    this.drawn.get(visualId)?.destroy();
    this.drawn.delete(visualId);
    showLoading(visual);

    try {
      const url = `${this.apiBase()}/visuals/${encodeURIComponent(visualId)}?${query}`;
      const payload = await loadJson<VisualPayload>(url, signal);
      if (generation !== this.generation) return false;
      const drawn = drawVisual(visual, payload);
      if (drawn) this.drawn.set(visualId, drawn);
      return true;
    } catch (error) {
      if (generation !== this.generation) return false;
      const failure = asFailure(error);
      showError(visual, failure.message);
      this.fail(generation, failure.errorCode, visualId);
      return false;
    }
  }

  private async loadScope(
    query: string,
    signal: AbortSignal,
    generation: number,
  ): Promise<boolean> {
    const line = this.root.querySelector<HTMLElement>('[data-scope]');
    try {
      const scope = await loadJson<ScopePayload>(
        `${this.apiBase()}/scope?${query}`,
        signal,
      );
      if (generation !== this.generation) return false;
      if (line) line.textContent = `${scope.heading} · ${scope.detail}`;
      return true;
    } catch (error) {
      if (generation !== this.generation) return false;
      const failure = asFailure(error);
      if (line) line.textContent = failure.message;
      this.fail(generation, failure.errorCode);
      return false;
    }
  }

  private async drawNothing(generation: number): Promise<void> {
    for (const drawn of this.drawn.values()) drawn.destroy();
    this.drawn.clear();
    this.root.replaceChildren();
    this.root.dataset.visualCount = '0';
    await nextPaint();
    if (generation !== this.generation) return;
    window.__dashboard.state = 'ready';
    postToHost('CONTENT_LOADED', { visualCount: 0 });
  }

  /** The first failure of a draw is told to the host; later ones are not. */
  private fail(generation: number, errorCode: string, visualId?: string): void {
    if (generation !== this.generation) return;
    if (window.__dashboard.state === 'error') return;
    window.__dashboard.state = 'error';
    postToHost(
      'ERROR_OCCURRED',
      visualId ? { errorCode, visualId } : { errorCode },
    );
  }

  private query(parameters: ParameterValues): string {
    const search = appendParameters(new URLSearchParams(), parameters);
    if (this.config.fault) search.set('fault', this.config.fault);
    if (this.config.session) search.set('session', this.config.session.token);
    return search.toString();
  }

  private apiBase(): string {
    return `/api/dashboards/${encodeURIComponent(this.config.dashboardId)}`;
  }

  private visual(visualId: string): HTMLElement | undefined {
    return (
      Array.from(
        this.root.querySelectorAll<HTMLElement>('[data-visual-id]'),
      ).find((element) => element.dataset.visualId === visualId) ?? undefined
    );
  }
}

function asFailure(error: unknown): LoadFailure {
  return error instanceof LoadFailure
    ? error
    : new LoadFailure('VISUAL_ERROR', 'the visual could not be drawn');
}

function showParameters(root: HTMLElement, parameters: ParameterValues): void {
  const list = root.querySelector('[data-parameters]');
  if (!list) return;
  list.replaceChildren(
    ...Object.entries(parameters).map(([name, values]) => {
      const item = document.createElement('li');
      item.textContent = `${name}: ${values.join(', ')}`;
      return item;
    }),
  );
}

/** Resolves after the browser has painted what was drawn so far. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}
