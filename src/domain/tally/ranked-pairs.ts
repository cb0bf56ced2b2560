import { linkStrength } from './link-strength.js';
import { tiersByBeaten } from './tiers.js';
import type { PairStrength } from './types.js';

interface Defeat {
  readonly winner: number;
  readonly loser: number;
  readonly strength: number;
}

/**
 * Ranked Pairs (Tideman). Defeats are taken strongest first and locked unless they would close a
 * cycle with defeats already locked.
 *
 * Equal strengths are handled a whole group at a time, so the result never depends on a
 * candidate's name or position (docs/tally.md, "Ranked Pairs ties"):
 *  1. a defeat of the group that contradicts stronger locked defeats is skipped;
 *  2. the rest of the group is added together; every one of those defeats that lies on a cycle
 *     formed within the group (with the locked graph) is skipped as well — the group cannot say
 *     which of them to keep, so none is kept and its candidates may end up tied;
 *  3. the remaining defeats of the group are locked (they cannot form a cycle: any cycle among
 *     them would also have been a cycle in step 2).
 */
export function rankedPairs(counts: Float64Array, n: number, strength: PairStrength): { tiers: number[][]; locked: Array<[number, number]> } {
  const groups = defeatGroups(counts, n, strength);
  const locked = new Uint8Array(n * n);
  const order: Array<[number, number]> = [];
  for (const group of groups) {
    const open = group.filter((d) => !reaches(locked, n, d.loser, d.winner));
    for (const d of open) locked[d.winner * n + d.loser] = 1;
    const cyclic = open.filter((d) => reaches(locked, n, d.loser, d.winner));
    for (const d of cyclic) locked[d.winner * n + d.loser] = 0;
    for (const d of open) if (!cyclic.includes(d)) order.push([d.winner, d.loser]);
  }
  const closure = transitiveClosure(locked, n);
  return { tiers: tiersByBeaten(n, (x, y) => closure[x * n + y] === 1), locked: order };
}

/** Defeats grouped by equal strength, strongest group first. */
function defeatGroups(counts: Float64Array, n: number, strength: PairStrength): Defeat[][] {
  const byStrength = new Map<number, Defeat[]>();
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      if (x === y) continue;
      const s = linkStrength(strength, counts[x * n + y]!, counts[y * n + x]!);
      if (s <= 0) continue;
      const g = byStrength.get(s);
      if (g) g.push({ winner: x, loser: y, strength: s });
      else byStrength.set(s, [{ winner: x, loser: y, strength: s }]);
    }
  }
  return [...byStrength.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g);
}

/** Is there a path from `from` to `to` in the locked graph? (iterative DFS) */
function reaches(locked: Uint8Array, n: number, from: number, to: number): boolean {
  if (from === to) return true;
  const seen = new Uint8Array(n);
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let w = 0; w < n; w++) {
      if (locked[v * n + w] === 1 && seen[w] === 0) {
        if (w === to) return true;
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return false;
}

function transitiveClosure(locked: Uint8Array, n: number): Uint8Array {
  const c = locked.slice();
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (c[i * n + k] !== 1) continue;
      for (let j = 0; j < n; j++) if (c[k * n + j] === 1) c[i * n + j] = 1;
    }
  }
  return c;
}
