import { tiersByScore } from './tiers.js';
import type { PairStrength } from './types.js';

/**
 * Minimax (Simpson–Kramer): a candidate's score is its worst pairwise defeat; lowest score wins and
 * the full ranking sorts by score (equal scores tie).
 * - winning: the largest d[y][x] among the defeats of x, 0 when x is undefeated;
 * - margin: the largest d[y][x] − d[x][y] over every opponent y (negative when x beats everyone,
 *   so a Condorcet winner always has the lowest score);
 * - ratio: the largest d[y][x] / d[x][y] among the defeats of x, 0 when undefeated.
 */
export function minimaxScores(counts: Float64Array, n: number, strength: PairStrength): Float64Array {
  const scores = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    let worst = strength === 'margin' ? -Infinity : 0;
    for (let y = 0; y < n; y++) {
      if (x === y) continue;
      const against = counts[y * n + x]!;
      const forX = counts[x * n + y]!;
      let s: number;
      if (strength === 'margin') s = against - forX;
      else if (!(against > forX)) continue;
      else if (strength === 'winning') s = against;
      else s = forX === 0 ? Infinity : against / forX;
      if (s > worst) worst = s;
    }
    scores[x] = worst === -Infinity ? 0 : worst;
  }
  return scores;
}

export function minimax(counts: Float64Array, n: number, strength: PairStrength): { tiers: number[][]; scores: Float64Array } {
  const scores = minimaxScores(counts, n, strength);
  return { tiers: tiersByScore(scores, 'ascending'), scores };
}
