/**
 * The look-back of rules 49(2) and 51(2)(a): equal candidates are told apart by the most recent
 * preceding stage at which they had unequal votes. With three or more tied, the stage may only
 * split them partly; those still level at the top (or bottom) are compared further back.
 */
import type { Value } from './scottish-arithmetic.js';

export type Pick = 'highest' | 'lowest';

/**
 * `history[s][c]` is candidate c's votes at the end of stage s + 1. Walks back from the stage
 * before the last and returns the candidates still tied at stage 1 (one, when the look-back
 * decided), in the order of `tied`.
 */
export function lookBack(history: readonly (readonly Value[])[], tied: readonly number[], pick: Pick): number[] {
  let left = [...tied];
  for (let s = history.length - 2; s >= 0 && left.length > 1; s--) {
    const then = history[s]!;
    const best = extreme(
      left.map((c) => then[c]!),
      pick,
    );
    left = left.filter((c) => then[c] === best);
  }
  return left;
}

export function extreme(values: readonly Value[], pick: Pick): Value {
  let best = values[0]!;
  for (const v of values) if (pick === 'highest' ? v > best : v < best) best = v;
  return best;
}
