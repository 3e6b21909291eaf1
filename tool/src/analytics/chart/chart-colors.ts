/** The chart colours of the current display mode, read from the stylesheet's tokens (analytics.css). */
export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  series: string[];
  font: string;
}

export function readChartColors(root: HTMLElement = document.documentElement): ChartColors {
  const style = getComputedStyle(root);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: token('--text', '#17202b'),
    muted: token('--muted', '#4d5966'),
    grid: token('--chart-grid', '#d5dbe3'),
    series: [token('--chart-1', '#1d4ed8'), token('--chart-2', '#b45309'), token('--chart-3', '#047857')],
    font: getComputedStyle(document.body).fontFamily,
  };
}

/** Users who asked their system for less motion get charts drawn at once. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
