import { tiersByScore } from './tiers.js';

/**
 * Copeland: 2 points per pairwise win and 1 per pairwise tie (i.e. wins + ½ ties, doubled to stay
 * an integer); highest score first, equal scores tie. Ignores the strength option.
 */
export function copelandScores(counts: Float64Array, n: number): Float64Array {
  const scores = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    let s = 0;
    for (let y = 0; y < n; y++) {
      if (x === y) continue;
      const a = counts[x * n + y]!;
      const b = counts[y * n + x]!;
      if (a > b) s += 2;
      else if (a === b) s += 1;
    }
    scores[x] = s;
  }
  return scores;
}

export function copeland(counts: Float64Array, n: number): { tiers: number[][]; scores: Float64Array } {
  const scores = copelandScores(counts, n);
  return { tiers: tiersByScore(scores, 'descending'), scores };
}
