/** Grade shares (score / maximum, 0..1) in ten bins, with their mean and median (docs/indicators.md, "Grades"). */
export interface Distribution {
  graded: number;
  mean: number | null;
  median: number | null;
  distribution: { from: number; to: number; count: number }[];
}

export function gradeDistribution(shares: readonly number[]): Distribution {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, count: 0 }));
  const clean = shares.filter((s) => Number.isFinite(s)).map((s) => Math.min(1, Math.max(0, s)));
  // A full mark falls in the last bin ([0.9, 1.0]), not in an eleventh.
  for (const s of clean) bins[Math.min(9, Math.floor(s * 10 + 1e-9))]!.count++;
  if (!clean.length) return { graded: 0, mean: null, median: null, distribution: bins };
  const sorted = [...clean].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { graded: clean.length, mean: round(clean.reduce((a, b) => a + b, 0) / clean.length), median: round(median), distribution: bins };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
