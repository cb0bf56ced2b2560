/**
 * Turning a method's verdict into ranking tiers. Ties stay ties: nothing here looks at a
 * candidate's name or position.
 */

/**
 * `beats` is a transitive strict relation (x beats y). A candidate's position is 1 + the number
 * of candidates that beat it (Elekto's schulze_rank); candidates with the same count form a tier.
 * Transitivity guarantees two candidates in one tier never beat each other.
 */
export function tiersByBeaten(n: number, beats: (x: number, y: number) => boolean): number[][] {
  const beatenBy = new Int32Array(n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) if (x !== y && beats(y, x)) beatenBy[x]!++;
  }
  return groupBy(n, (i) => beatenBy[i]!, 'ascending');
}

/** Tiers from a score per candidate; equal scores tie. */
export function tiersByScore(scores: Float64Array, order: 'ascending' | 'descending'): number[][] {
  return groupBy(scores.length, (i) => scores[i]!, order);
}

function groupBy(n: number, key: (i: number) => number, order: 'ascending' | 'descending'): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const keys = [...groups.keys()].sort((a, b) => (order === 'ascending' ? a - b : b - a));
  return keys.map((k) => groups.get(k)!);
}
