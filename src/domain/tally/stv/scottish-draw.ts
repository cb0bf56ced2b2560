/**
 * The lot of rules 49(3) and 51(2)(b), drawn from the election's seed so that anyone holding the
 * seed, the ballots and this code can repeat the count and see the same draw. The domain may not
 * read randomness, so the draw is a small deterministic hash (FNV-1a, 32 bits, then a
 * SplitMix-style finaliser) of the seed, the stage and the sorted names of the tied candidates:
 * the result does not depend on the order candidates are listed in, only on who is tied and when.
 */

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Picks one of `among` (at least one name) by lot for the given seed, stage and purpose. */
export function drawByLot(seed: string, stage: number, purpose: string, among: readonly string[]): string {
  const sorted = [...among].sort();
  const key = JSON.stringify([seed, stage, purpose, sorted]);
  const chosen = sorted[hash32(key) % sorted.length];
  if (chosen === undefined) throw new Error('drawByLot needs at least one candidate');
  return chosen;
}
