/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, from the
 * Levenshtein distance over words. Both texts are lowercased and stripped of punctuation first
 * (apostrophes inside words stay: "don't"). Shared by tests and benchmarks.
 */

export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean);
}

/** Edit distance between two word lists (two rows of the Levenshtein table). */
export function wordEditDistance(reference: string[], hypothesis: string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

export function wordErrorRate(reference: string | string[], hypothesis: string | string[]): number {
  const ref = typeof reference === 'string' ? normalizeWords(reference) : reference.flatMap(normalizeWords);
  const hyp = typeof hypothesis === 'string' ? normalizeWords(hypothesis) : hypothesis.flatMap(normalizeWords);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return wordEditDistance(ref, hyp) / ref.length;
}
