import { linkStrengths } from './link-strength.js';
import { tiersByBeaten } from './tiers.js';
import type { PairStrength } from './types.js';

/**
 * Schulze's strongest paths: p[x][y] = the strength of the strongest beatpath from x to y, where a
 * path is as strong as its weakest defeat (Floyd–Warshall widest path, O(n³)). Same loop as
 * Elekto's schulze_p, over a typed array.
 */
export function strongestPaths(counts: Float64Array, n: number, strength: PairStrength): Float64Array {
  const p = linkStrengths(counts, n, strength);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const rowI = i * n;
      const pik = p[rowI + k]!;
      if (pik === 0) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        const via = Math.min(pik, p[rowK + j]!);
        if (via > p[rowI + j]!) p[rowI + j] = via;
      }
    }
  }
  return p;
}

/**
 * Ranking from strongest paths: x is better than y when p[x][y] > p[y][x] (transitive, Schulze's
 * theorem). Position = 1 + number of candidates better than it, as Elekto's schulze_rank.
 */
export function schulzeTiers(p: Float64Array, n: number): number[][] {
  return tiersByBeaten(n, (x, y) => p[x * n + y]! > p[y * n + x]!);
}

export function schulze(counts: Float64Array, n: number, strength: PairStrength): { tiers: number[][]; paths: Float64Array } {
  const paths = strongestPaths(counts, n, strength);
  return { tiers: schulzeTiers(paths, n), paths };
}
