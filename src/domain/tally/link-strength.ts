import type { PairStrength } from './types.js';

/**
 * Strength of the defeat x over y from for = d[x][y] and against = d[y][x]; 0 when x does not beat y.
 * - winning: the votes for the winner, d[x][y] (Elekto's and Wikipedia's Schulze). Schulze's paper
 *   additionally prefers, between equal winning votes, the link with fewer losing votes; we do not,
 *   to stay identical to Elekto's published results.
 * - margin: d[x][y] − d[y][x].
 * - ratio: d[x][y] / d[y][x]; Infinity when nobody preferred y (shown as "Infinity" in JSON).
 */
export function linkStrength(strength: PairStrength, forVotes: number, against: number): number {
  if (!(forVotes > against)) return 0;
  switch (strength) {
    case 'winning':
      return forVotes;
    case 'margin':
      return forVotes - against;
    case 'ratio':
      return against === 0 ? Infinity : forVotes / against;
  }
}

/** The n×n table of linkStrength for every ordered pair (diagonal 0). */
export function linkStrengths(counts: Float64Array, n: number, strength: PairStrength): Float64Array {
  const s = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      if (x !== y) s[x * n + y] = linkStrength(strength, counts[x * n + y]!, counts[y * n + x]!);
    }
  }
  return s;
}
