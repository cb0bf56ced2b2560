/**
 * Properties every method must keep, checked on random profiles with fast-check: a Condorcet
 * winner always wins, ballot order and candidate naming/order do not matter, a ballot's weight is
 * its number of copies, Schulze's ranking agrees with its strongest paths, and winners never
 * exceed the seats.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PairwiseAccumulator, strongestPaths, tally, type PairwiseMatrix, type TallyOptions } from '../../../src/domain/tally/index.js';

const METHODS: Array<Pick<TallyOptions, 'method' | 'strength'>> = [
  { method: 'schulze', strength: 'winning' },
  { method: 'schulze', strength: 'margin' },
  { method: 'schulze', strength: 'ratio' },
  { method: 'ranked-pairs', strength: 'winning' },
  { method: 'ranked-pairs', strength: 'margin' },
  { method: 'minimax', strength: 'winning' },
  { method: 'minimax', strength: 'margin' },
  { method: 'copeland', strength: 'winning' },
];

/** A profile: n candidates and ballots of ranks (0 = unranked) with a small weight. */
const profile = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    ballots: fc.array(fc.record({ ranks: fc.array(fc.integer({ min: 0, max: n }), { minLength: n, maxLength: n }), weight: fc.integer({ min: 1, max: 4 }) }), {
      maxLength: 25,
    }),
    unranked: fc.constantFrom('no-opinion' as const, 'last' as const),
  }),
);
type P = { n: number; ballots: Array<{ ranks: number[]; weight: number }>; unranked: 'no-opinion' | 'last' };

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`);
function build(p: P, candidates = names(p.n), order: number[] = p.ballots.map((_, i) => i)): PairwiseMatrix {
  const acc = new PairwiseAccumulator(candidates, p.unranked);
  for (const i of order) acc.addRanks(p.ballots[i]!.ranks, p.ballots[i]!.weight);
  return acc.matrix();
}
const sortTiers = (t: ReadonlyArray<readonly string[]>) => t.map((tier) => [...tier].sort());

describe('tally properties', () => {
  it.each(METHODS)('a Condorcet winner always wins alone ($method, $strength)', ({ method, strength }) => {
    fc.assert(
      fc.property(profile, (p) => {
        const r = tally(build(p), { method, strength, seats: 1 });
        if (r.condorcetWinner !== null) {
          expect(r.ranking[0]).toEqual([r.condorcetWinner]);
          expect(r.winners).toEqual([r.condorcetWinner]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('ballot order does not change the result', () => {
    fc.assert(
      fc.property(
        profile.chain((p) =>
          fc.tuple(
            fc.constant(p),
            fc.shuffledSubarray(
              p.ballots.map((_, i) => i),
              { minLength: p.ballots.length },
            ),
          ),
        ),
        ([p, order]) => {
          for (const m of METHODS) {
            expect(tally(build(p, undefined, order), { ...m, seats: 2 })).toEqual(tally(build(p), { ...m, seats: 2 }));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('renaming and reordering candidates changes the result only by the renaming', () => {
    fc.assert(
      fc.property(
        profile.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray([...Array(p.n).keys()], { minLength: p.n }))),
        ([p, perm]) => {
          // Candidate i of the original becomes "x<perm[i]>" placed at position perm[i].
          const renamed: P = { ...p, ballots: p.ballots.map((b) => ({ weight: b.weight, ranks: invert(b.ranks, perm) })) };
          const newNames = Array.from({ length: p.n }, (_, j) => `x${j}`);
          const rename = (c: string): string => `x${perm[Number(c.slice(1))]}`;
          for (const m of METHODS) {
            const a = tally(build(p), { ...m, seats: 2 });
            const b = tally(build(renamed, newNames), { ...m, seats: 2 });
            expect(sortTiers(b.ranking)).toEqual(sortTiers(a.ranking.map((t) => t.map(rename))));
            expect([...b.winners].sort()).toEqual(a.winners.map(rename).sort());
            expect(b.tieAtCutoff).toBe(a.tieAtCutoff);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the accumulator agrees with the definition of d[x][y], pair by pair', () => {
    fc.assert(
      fc.property(profile, (p) => {
        const m = build(p);
        const unranked = (v: number): boolean => v === 0;
        for (let x = 0; x < p.n; x++) {
          for (let y = 0; y < p.n; y++) {
            let expected = 0;
            for (const { ranks, weight } of p.ballots) {
              const rx = ranks[x]!,
                ry = ranks[y]!;
              const prefers = p.unranked === 'no-opinion' ? !unranked(rx) && !unranked(ry) && rx < ry : !unranked(rx) && (unranked(ry) || rx < ry);
              if (x !== y && prefers) expected += weight;
            }
            expect(m.counts[x * p.n + y]).toBe(expected);
          }
        }
        expect(m.ballots).toBe(p.ballots.reduce((a, b) => a + b.weight, 0));
      }),
      { numRuns: 150 },
    );
  });

  it("a ballot's weight equals that many copies", () => {
    fc.assert(
      fc.property(profile, (p) => {
        const copies = new PairwiseAccumulator(names(p.n), p.unranked);
        for (const b of p.ballots) for (let k = 0; k < b.weight; k++) copies.addRanks(b.ranks);
        const weighted = build(p);
        expect(weighted).toEqual(copies.matrix());
        for (const m of METHODS) expect(tally(weighted, { ...m, seats: 1 })).toEqual(tally(copies.matrix(), { ...m, seats: 1 }));
      }),
      { numRuns: 60 },
    );
  });

  it("Schulze's ranking agrees with its strongest-path matrix", () => {
    fc.assert(
      fc.property(profile, fc.constantFrom('winning' as const, 'margin' as const, 'ratio' as const), (p, strength) => {
        const m = build(p);
        const r = tally(m, { method: 'schulze', strength, seats: 1 });
        const pos = new Map<string, number>();
        r.ranking.forEach((tier, i) => tier.forEach((c) => pos.set(c, i)));
        const paths = strongestPaths(m.counts, p.n, strength);
        for (let x = 0; x < p.n; x++) {
          for (let y = 0; y < p.n; y++) {
            if (x === y) continue;
            const better = paths[x * p.n + y]! > paths[y * p.n + x]!;
            if (better) expect(pos.get(`c${x}`)!).toBeLessThan(pos.get(`c${y}`)!);
            expect(r.strongestPaths?.[`c${x}`]?.[`c${y}`]).toBe(paths[x * p.n + y]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('winners never exceed the seats; fewer only with a reported tie or too few candidates', () => {
    fc.assert(
      fc.property(profile, fc.integer({ min: 1, max: 7 }), fc.constantFrom(...METHODS), (p, seats, m) => {
        const r = tally(build(p), { ...m, seats });
        expect(r.winners.length).toBeLessThanOrEqual(seats);
        if (r.winners.length < Math.min(seats, p.n)) {
          expect(r.tieAtCutoff).toBe(true);
          expect(r.tiedAtCutoff.length).toBeGreaterThan(seats - r.winners.length);
        }
        const allRanked = r.ranking.flat().sort();
        expect(allRanked).toEqual(names(p.n).sort());
      }),
      { numRuns: 200 },
    );
  });
});

/** ranks indexed by old candidate -> ranks indexed by new position perm[old]. */
function invert(ranks: number[], perm: number[]): number[] {
  const out = new Array<number>(ranks.length).fill(0);
  ranks.forEach((r, i) => (out[perm[i]!] = r));
  return out;
}
