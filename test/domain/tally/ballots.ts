/**
 * Test helper: published examples write ballots as "A > C = B > E" with a count. Candidates left
 * out are unranked; each group of equal candidates shares a rank.
 */
import { PairwiseAccumulator, type PairwiseMatrix, type UnrankedPolicy } from '../../../src/domain/tally/index.js';

export type Profile = ReadonlyArray<readonly [string, number]>;

export function ranksOf(order: string, candidates: readonly string[]): Float64Array {
  const ranks = new Float64Array(candidates.length);
  order
    .split('>')
    .map((tier) =>
      tier
        .split('=')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .forEach((tier, i) =>
      tier.forEach((c) => {
        const at = candidates.indexOf(c);
        if (at < 0) throw new Error(`unknown candidate ${c} in "${order}"`);
        ranks[at] = i + 1;
      }),
    );
  return ranks;
}

export function matrixOf(candidates: readonly string[], profile: Profile, unranked: UnrankedPolicy = 'no-opinion'): PairwiseMatrix {
  const acc = new PairwiseAccumulator(candidates, unranked);
  for (const [order, copies] of profile) acc.addRanks(ranksOf(order, candidates), copies);
  return acc.matrix();
}

/** d[x][y] as a plain table in candidate order, for comparing with published tables. */
export function table(m: PairwiseMatrix, values: Float64Array = m.counts): number[][] {
  const n = m.candidates.length;
  return Array.from({ length: n }, (_, x) => Array.from({ length: n }, (_, y) => values[x * n + y]!));
}
