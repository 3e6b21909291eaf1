import { useEffect, useRef } from 'preact/hooks';
import type { Chart, ChartConfiguration } from 'chart.js';
import { prefersReducedMotion, readChartColors } from './chart-colors.js';
import type { ChartData } from './chart-data.js';
import { useDisplayVersion } from './useDisplayVersion.js';

export interface ChartOptions {
  type: 'line' | 'bar';
  /** Bars of the series piled up (present over absent). */
  stacked?: boolean;
  /** Highest value of the value axis (1 for shares); otherwise from the data. */
  max?: number;
  /** Axis ticks and tooltips, in the page's language (percent, minutes…). */
  formatValue: (value: number) => string;
}

interface Props extends ChartOptions {
  data: ChartData;
  /** The canvas's accessible name (an image whose numbers are in the table next to it). */
  label: string;
  testId?: string;
}

/**
 * One Chart.js chart. Redrawn from scratch when its data or the display mode changes: colours
 * come from the stylesheet's tokens, which a canvas cannot follow by itself.
 */
export function ChartCanvas({ data, label, testId, type, stacked, max, formatValue }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const display = useDisplayVersion();

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let chart: Chart<'line' | 'bar'> | undefined;
    let current = true;
    // Chart.js is loaded with the first chart: a learner who only watches videos never downloads it.
    void import('./chart-registry.js').then(({ Chart }) => {
      if (!current) return;
      chart = new Chart(element, configFor(data, { type, stacked, max, formatValue }));
      element.dataset.chartReady = 'true';
    });
    return () => {
      current = false;
      chart?.destroy();
      delete element.dataset.chartReady;
    };
  }, [data, display, type, stacked, max, formatValue]);

  return (
    <div class="amphi-chart-canvas">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

function configFor(data: ChartData, options: ChartOptions): ChartConfiguration<'line' | 'bar'> {
  const colors = readChartColors();
  const axis = { ticks: { color: colors.muted, font: { family: colors.font } }, grid: { color: colors.grid }, border: { color: colors.grid } };
  return {
    type: options.type,
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => {
        const color = colors.series[i % colors.series.length]!;
        return { label: s.label, data: s.values, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: options.type === 'line' ? 2 : 0 };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: prefersReducedMotion() ? false : { duration: 250 },
      plugins: {
        legend: { display: data.series.length > 1, labels: { color: colors.text, font: { family: colors.font } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${options.formatValue(Number(item.parsed.y))}` } },
      },
      scales: {
        x: { ...axis, stacked: options.stacked },
        y: {
          ...axis,
          stacked: options.stacked,
          beginAtZero: true,
          ...(options.max === undefined ? {} : { max: options.max }),
          ticks: { ...axis.ticks, precision: options.max !== undefined && options.max <= 1 ? 2 : 0, callback: (value) => options.formatValue(Number(value)) },
        },
      },
    },
  };
}
