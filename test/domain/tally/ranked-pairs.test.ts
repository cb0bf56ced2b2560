/**
 * Ranked Pairs (Tideman) against published examples, including ones where it and Schulze disagree,
 * and the equal-strength group rule of docs/tally.md.
 */
import { describe, expect, it } from '@jest/globals';
import { tally, type PairStrength } from '../../../src/domain/tally/index.js';
import { matrixOf, type Profile } from './ballots.js';
import { LEGRAND, LEGRAND_NAMES, TENNESSEE, TENNESSEE_CITIES, WIKIPEDIA_45 } from './examples.js';

const rp = (c: readonly string[], p: Profile, strength: PairStrength = 'winning', unranked: 'no-opinion' | 'last' = 'no-opinion') =>
  tally(matrixOf(c, p, unranked), { method: 'ranked-pairs', strength, seats: 1 });

describe('Ranked Pairs', () => {
  it.each(['winning', 'margin'] as const)('Wikipedia "Ranked pairs", Tennessee (%s): Nashville > Chattanooga > Knoxville > Memphis', (s) => {
    const r = rp(TENNESSEE_CITIES, TENNESSEE, s);
    expect(r.ranking).toEqual([['Nashville'], ['Chattanooga'], ['Knoxville'], ['Memphis']]);
    // Locked strongest first: C>K 83, then the equal pair N>C, N>K (68), then the three 58s.
    expect(r.lockedPairs?.[0]).toEqual(['Chattanooga', 'Knoxville']);
    expect(r.lockedPairs).toHaveLength(6);
  });

  it('disagrees with Schulze on the Wikipedia 45-voter example: A > C > E > B > D (French Wikipedia, "Méthode des paires classées")', () => {
    const r = rp(['A', 'B', 'C', 'D', 'E'], WIKIPEDIA_45);
    expect(r.ranking).toEqual([['A'], ['C'], ['E'], ['B'], ['D']]);
    expect(r.lockedPairs).toEqual([
      ['B', 'D'],
      ['E', 'D'],
      ['A', 'D'],
      ['C', 'B'],
      ['E', 'B'],
      ['A', 'C'],
      ['C', 'E'],
    ]);
    const schulze = tally(matrixOf(['A', 'B', 'C', 'D', 'E'], WIKIPEDIA_45), { method: 'schulze', strength: 'winning', seats: 1 });
    expect(schulze.winners).toEqual(['E']);
  });

  it("disagrees with Schulze on LeGrand's Abby–Erin example: Brad first (Schulze: Abby)", () => {
    expect(rp(LEGRAND_NAMES, LEGRAND).ranking).toEqual([['Brad'], ['Abby'], ['Erin'], ['Dave'], ['Cora']]);
    expect(rp(LEGRAND_NAMES, LEGRAND, 'margin').ranking).toEqual([['Brad'], ['Abby'], ['Erin'], ['Dave'], ['Cora']]);
    const m = matrixOf(LEGRAND_NAMES, LEGRAND);
    expect(tally(m, { method: 'schulze', strength: 'winning', seats: 1 }).ranking).toEqual([['Abby'], ['Brad'], ['Erin'], ['Dave'], ['Cora']]);
  });

  it('Wikipedia "Ranked pairs": with truncated ballots A>B 68, B>C 72, C>A 52 (no opinion), A wins', () => {
    const p: Profile = [
      ['A>B', 68],
      ['B>C', 72],
      ['C>A', 52],
    ];
    expect(rp(['A', 'B', 'C'], p).ranking).toEqual([['A'], ['B'], ['C']]);
    // Treating unranked as last changes the pairwise counts and the winner.
    expect(rp(['A', 'B', 'C'], p, 'winning', 'last').ranking[0]).toEqual(['B']);
  });

  it("Eric Gorr's Ranked Pairs example 3: A and B tie 9–9 and share first place", () => {
    const p: Profile = [
      ['A>B>C', 7],
      ['B>A>C', 7],
      ['C>A>B', 2],
      ['C>B>A', 2],
    ];
    expect(rp(['A', 'B', 'C'], p).ranking).toEqual([['A', 'B'], ['C']]);
  });

  it("Eric Gorr's Ranked Pairs example 4: equal-strength defeats that close a cycle are skipped together", () => {
    // A>D 61, B>A 55, then A>C and C>B both 54: together with B>A they form a cycle, so neither is
    // locked (no rule picks one by name). Then D>B 51 is contradicted, D>C 51 is locked.
    const p: Profile = [
      ['A>D>C>B', 12],
      ['B>A>C>D', 3],
      ['B>C>A>D', 25],
      ['C>B>A>D', 21],
      ['D>A>B>C', 12],
      ['D>A>C>B', 21],
      ['D>B>A>C', 6],
    ];
    const r = rp(['A', 'B', 'C', 'D'], p);
    expect(r.ranking).toEqual([['B'], ['A'], ['D'], ['C']]);
    expect(r.lockedPairs).toEqual([
      ['A', 'D'],
      ['B', 'A'],
      ['D', 'C'],
    ]);
  });

  it('a perfect cycle of equal strengths leaves every candidate tied', () => {
    const p: Profile = [
      ['A>B>C', 1],
      ['B>C>A', 1],
      ['C>A>B', 1],
    ];
    const r = rp(['A', 'B', 'C'], p);
    expect(r.ranking).toEqual([['A', 'B', 'C']]);
    expect(r.lockedPairs).toEqual([]);
  });

  it('equal-strength defeats that do not conflict are all locked', () => {
    // A>B and C>D both 2–0, B>C 1–0 weaker: the order is total.
    const r = rp(
      ['A', 'B', 'C', 'D'],
      [
        ['A>B', 2],
        ['C>D', 2],
        ['B>C', 1],
      ],
    );
    expect(r.ranking).toEqual([['A'], ['B'], ['C'], ['D']]);
  });
});
