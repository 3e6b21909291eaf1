/** What a chart block draws and tabulates: one category per label, one column per series. */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface ChartData {
  /** Category labels, already formatted for the page's language (days, bins, sessions…). */
  labels: string[];
  series: ChartSeries[];
}

/** The table the block shows and downloads: a header row, then one row per category. */
export function tableOf(data: ChartData, categoryHeader: string, format: (value: number) => string): { header: string[]; rows: string[][] } {
  return {
    header: [categoryHeader, ...data.series.map((s) => s.label)],
    rows: data.labels.map((label, i) => [label, ...data.series.map((s) => format(s.values[i] ?? 0))]),
  };
}
