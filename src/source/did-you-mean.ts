/**
 * Did-you-mean suggestions for misspelt field names and values: optimal string
 * alignment (Damerau-Levenshtein with adjacent transpositions) over normalised text.
 */

/** Lower case, with spaces and hyphens read as underscores: "Fixed-term" and "fixed term" both become "fixed_term". */
export function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters. */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[cols - 1]!;
}

/**
 * The known candidate closest to `input`, or undefined when none is close enough.
 * Close enough: the same after normalising, or within 2 edits (1 for words of up to 4
 * characters), and fewer edits than half the candidate's length. Ties go to the
 * earlier candidate, so pass candidates in a meaningful order.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = normalise(input);
  if (needle === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const target = normalise(candidate);
    if (target === needle) return candidate;
    const limit = Math.min(target.length <= 4 ? 1 : 2, Math.ceil(target.length / 2) - 1);
    const d = editDistance(needle, target, limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) {
    // A prefix or an abbreviation of one candidate ("mid" for "middle", "perm" for "permanent").
    const prefixed = candidates.filter((c) => needle.length >= 3 && normalise(c).startsWith(needle));
    if (prefixed.length === 1) return prefixed[0];
  }
  return best;
}
