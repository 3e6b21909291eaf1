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
    text: token('--text', '#252627'),
    muted: token('--muted', '#5c5f63'),
    grid: token('--chart-grid', '#e1e2e5'),
    series: [token('--chart-1', '#1167d4'), token('--chart-2', '#be5b0f'), token('--chart-3', '#368741')],
    font: getComputedStyle(document.body).fontFamily,
  };
}

/** Users who asked their system for less motion get charts drawn at once. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
