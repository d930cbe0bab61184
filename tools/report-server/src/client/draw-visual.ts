import type {
  KpiPayload,
  TablePayload,
  VisualPayload,
} from '../visual-payload';
import { drawChart } from './charts';
import { formatChange, formatValue } from './format';

/** Something drawn that must be released before the visual is redrawn. */
export interface Drawn {
  destroy(): void;
}

/** Puts the visual back in its loading state, with a spinner. */
export function showLoading(visual: HTMLElement): void {
  visual.dataset.visualState = 'loading';
  body(visual).replaceChildren(element('div', 'spinner'));
}

export function showError(visual: HTMLElement, message: string): void {
  visual.dataset.visualState = 'error';
  const box = element('div', 'visual-error');
  box.append(element('strong', '', 'This visual could not load'));
  box.append(element('span', '', message));
  body(visual).replaceChildren(box);
}

/** Draws the payload and marks the visual ready. */
export function drawVisual(
  visual: HTMLElement,
  payload: VisualPayload,
): Drawn | undefined {
  let drawn: Drawn | undefined;
  switch (payload.kind) {
    case 'kpi':
      body(visual).replaceChildren(kpi(payload));
      break;
    case 'table':
      body(visual).replaceChildren(...table(payload));
      break;
    case 'chart': {
      const box = element('div', 'chart-box');
      const canvas = document.createElement('canvas');
      box.append(canvas);
      body(visual).replaceChildren(box);
      drawn = drawChart(canvas, payload);
      break;
    }
  }
  visual.dataset.visualState = 'ready';
  return drawn;
}

function kpi(payload: KpiPayload): HTMLElement {
  const tile = element('div', 'kpi');
  tile.append(
    element('div', 'kpi-value', formatValue(payload.value, payload.format)),
  );
  if (payload.label) tile.append(element('div', 'kpi-label', payload.label));
  if (payload.change) {
    const { value, format } = payload.change;
    const trend = value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
    tile.append(
      element('div', `kpi-change ${trend}`, formatChange(value, format)),
    );
  }
  tile.append(element('div', 'kpi-caption', payload.caption));
  return tile;
}

function table(payload: TablePayload): HTMLElement[] {
  const head = document.createElement('tr');
  for (const column of payload.columns) {
    head.append(
      element('th', column.format === 'text' ? '' : 'number', column.label),
    );
  }
  const rows = payload.rows.map((cells) => {
    const row = document.createElement('tr');
    cells.forEach((cell, i) => {
      const format = payload.columns[i]?.format ?? 'text';
      row.append(
        element(
          'td',
          format === 'text' ? '' : 'number',
          formatValue(cell, format),
        ),
      );
    });
    return row;
  });

  const grid = document.createElement('table');
  grid.append(element('thead'), element('tbody'));
  grid.tHead?.append(head);
  grid.tBodies[0]?.append(...rows);
  const wrap = element('div', 'table-wrap');
  wrap.append(grid);
  return payload.note ? [wrap, element('p', 'note', payload.note)] : [wrap];
}

function body(visual: HTMLElement): HTMLElement {
  let found = visual.querySelector<HTMLElement>('.visual-body');
  if (!found) {
    found = element('div', 'visual-body');
    visual.append(found);
  }
  return found;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
