import type {
  Chart as ChartClass,
  ChartConfiguration,
  ChartDataset,
} from 'chart.js';
import type { ChartPayload } from '../visual-payload';
import { formatTick } from './format';

// Chart.js comes from its own UMD script (served from node_modules), which
// sets this global; only its types are imported here.
declare const Chart: typeof ChartClass;

const palette = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6'];

/**
 * Draws a chart synchronously: without animation, the picture is final
 * when the constructor returns, so CONTENT_LOADED never races a tween.
 */
export function drawChart(
  canvas: HTMLCanvasElement,
  payload: ChartPayload,
): ChartClass {
  const datasets = payload.series.map((series, i): ChartDataset => {
    const color = palette[i % palette.length] ?? '#2563eb';
    return payload.chartType === 'line'
      ? {
          label: series.label,
          data: series.values,
          borderColor: color,
          backgroundColor: `${color}22`,
          pointBackgroundColor: color,
          pointRadius: 3,
          borderWidth: 2,
          tension: 0.3,
          fill: payload.series.length === 1,
        }
      : {
          label: series.label,
          data: series.values,
          backgroundColor: color,
          borderRadius: 4,
          maxBarThickness: 34,
        };
  });

  // Bars start at zero (their length is the value); lines fit the data.
  const valueAxis = {
    beginAtZero: payload.chartType === 'bar',
    grid: { color: '#eef0f4' },
    ticks: {
      color: '#6b7280',
      callback: (value: string | number) =>
        formatTick(Number(value), payload.format),
    },
  };
  const categoryAxis = {
    grid: { display: false },
    ticks: { color: '#6b7280' },
  };
  const horizontal = payload.horizontal === true;

  const config: ChartConfiguration = {
    type: payload.chartType,
    data: { labels: payload.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: {
        legend: {
          display: payload.series.length > 1,
          position: 'bottom',
          labels: { boxWidth: 12, color: '#374151' },
        },
      },
      scales: horizontal
        ? { x: valueAxis, y: categoryAxis }
        : { x: categoryAxis, y: valueAxis },
    },
  };
  return new Chart(canvas, config);
}
