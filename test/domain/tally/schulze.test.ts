/**
 * Schulze against published worked examples.
 * - Wikipedia, "Schulze method", example with 45 voters (also Schulze's own examples page).
 * - M. Schulze, "The Schulze Method of Voting", arXiv:1804.02973, section 3's examples (ballot
 *   profiles as transcribed in the Condorcet PHP and tallystick test suites).
 * - Elekto's own unit vectors (spec §8.3, §8.4), translated to our orientation.
 */
import { describe, expect, it } from '@jest/globals';
import { pairwiseMatrix, schulzeTiers, strongestPaths, tally, type PairStrength } from '../../../src/domain/tally/index.js';
import { matrixOf, table, type Profile } from './ballots.js';
import { WIKIPEDIA_45 } from './examples.js';

const ABCD = ['A', 'B', 'C', 'D'];
const ABCDE = ['A', 'B', 'C', 'D', 'E'];
const rank = (c: readonly string[], p: Profile, strength: PairStrength = 'winning') => tally(matrixOf(c, p), { method: 'schulze', strength, seats: 1 }).ranking;

describe('Schulze: Wikipedia 45-voter example', () => {
  const m = matrixOf(ABCDE, WIKIPEDIA_45);
  const result = tally(m, { method: 'schulze', strength: 'winning', seats: 1 });

  it('has the published d[*,*]', () => {
    expect(table(m)).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(m.ballots).toBe(45);
  });

  it('has the published p[*,*]', () => {
    expect(table(m, strongestPaths(m.counts, 5, 'winning'))).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(result.strongestPaths?.E?.A).toBe(25);
    expect(result.strongestPaths?.A?.E).toBe(24);
  });

  it('ranks E > A > C > B > D with E the winner, and no Condorcet winner', () => {
    expect(result.ranking).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(result.winners).toEqual(['E']);
    expect(result.condorcetWinner).toBeNull();
  });
});

describe("Schulze: Elekto's unit vectors (spec §8.3, §8.4)", () => {
  it('test_schulze_p: the 4-candidate Wikipedia matrix gives the published strongest paths', () => {
    // d and p as in Elekto's test; widest paths do not depend on the orientation of d.
    const m = pairwiseMatrix(ABCD, [
      [0, 12, 7, 16],
      [9, 0, 5, 18],
      [14, 10, 0, 2],
      [3, 1, 20, 0],
    ]);
    expect(table(m, strongestPaths(m.counts, 4, 'winning'))).toEqual([
      [0, 12, 16, 16],
      [14, 0, 18, 18],
      [14, 12, 0, 14],
      [14, 12, 20, 0],
    ]);
    expect(tally(m, { method: 'schulze', strength: 'winning', seats: 1 }).ranking).toEqual([['B'], ['A'], ['D'], ['C']]);
  });

  it('test_schulze_rank_simple: [(0,[C]), (1,[B]), (2,[A])] is C > B > A in our orientation', () => {
    // Elekto's p {AB:10, BA:5, AC:15, CA:2, BC:8, CB:3} is inverted (p[V,W] large = W better); transposed:
    const p = Float64Array.from([0, 5, 2, 10, 0, 3, 15, 8, 0]);
    expect(schulzeTiers(p, 3)).toEqual([[2], [1], [0]]);
  });

  it('test_schulze_rank_tie: a cycle of equal strengths is one tier of all three', () => {
    const p = Float64Array.from([0, 10, 5, 5, 0, 10, 10, 5, 0]);
    expect(schulzeTiers(p, 3)).toEqual([[0, 1, 2]]);
  });
});

describe("Schulze: examples of Schulze's paper (arXiv:1804.02973, §3)", () => {
  it('example 1 (21 voters): D wins', () => {
    expect(
      rank(ABCD, [
        ['A>C>D>B', 8],
        ['B>A>D>C', 2],
        ['C>D>B>A', 4],
        ['D>B>A>C', 4],
        ['D>C>B>A', 3],
      ])[0],
    ).toEqual(['D']);
  });

  it('example 2 (9 voters): B and D are both potential winners — a tie, not silently broken', () => {
    const p: Profile = [
      ['A>B>C>D', 3],
      ['C>B>D>A', 2],
      ['D>A>B>C', 2],
      ['D>B>C>A', 2],
    ];
    expect(rank(ABCD, p)).toEqual([
      ['B', 'D'],
      ['A', 'C'],
    ]);
    const r = tally(matrixOf(ABCD, p), { method: 'schulze', strength: 'winning', seats: 1 });
    expect(r.winners).toEqual([]);
    expect(r.tieAtCutoff).toBe(true);
    expect(r.tiedAtCutoff).toEqual(['B', 'D']);
  });

  it('example 3 (63 voters): D wins, A and B tie behind', () => {
    const p: Profile = [
      ['A>B>C>D', 12],
      ['A>D>B>C', 6],
      ['B>C>D>A', 9],
      ['C>D>A>B', 15],
      ['D>B>A>C', 21],
    ];
    expect(rank(ABCD, p)).toEqual([['D'], ['A', 'B'], ['C']]);
  });

  it('example 4 (15 voters): A and D tie for first', () => {
    expect(
      rank(ABCD, [
        ['A>C>D>B', 6],
        ['B>A>D>C', 1],
        ['C>B>D>A', 3],
        ['D>B>A>C', 3],
        ['D>C>B>A', 2],
      ])[0],
    ).toEqual(['A', 'D']);
  });

  it('example 5 (6 candidates): A wins; two more A>E>F>C>B>D ballots make D win', () => {
    const c = ['A', 'B', 'C', 'D', 'E', 'F'];
    const p: Profile = [
      ['A>D>E>B>C>F', 3],
      ['B>F>E>C>D>A', 3],
      ['C>A>B>F>D>E', 4],
      ['D>B>C>E>F>A', 1],
      ['D>E>F>A>B>C', 4],
      ['E>C>B>D>F>A', 2],
      ['F>A>C>D>B>E', 2],
    ];
    expect(rank(c, p)[0]).toEqual(['A']);
    expect(rank(c, [...p, ['A>E>F>C>B>D', 2]])[0]).toEqual(['D']);
  });

  it('example 6: A wins with four candidates; adding E (placed after D) makes B win', () => {
    expect(
      rank(ABCD, [
        ['A>B>D>C', 3],
        ['A>D>B>C', 5],
        ['A>D>C>B', 1],
        ['B>A>D>C', 2],
        ['B>D>C>A', 2],
        ['C>A>B>D', 4],
        ['C>B>A>D', 6],
        ['D>B>C>A', 2],
        ['D>C>A>B', 5],
      ])[0],
    ).toEqual(['A']);
    expect(
      rank(ABCDE, [
        ['A>B>D>E>C', 3],
        ['A>D>E>B>C', 5],
        ['A>D>E>C>B', 1],
        ['B>A>D>E>C', 2],
        ['B>D>E>C>A', 2],
        ['C>A>B>D>E', 4],
        ['C>B>A>D>E', 6],
        ['D>B>E>C>A', 2],
        ['D>E>C>A>B', 5],
      ])[0],
    ).toEqual(['B']);
  });

  // Example 7: the three link strengths disagree: winning votes elect D, margins A, ratio B.
  const EXAMPLE_7: Profile = [
    ['A>B>C>D', 6],
    ['A=B>C=D', 8],
    ['A=C>B=D', 8],
    ['A=C>D>B', 18],
    ['A=C=D>B', 8],
    ['B>A=C=D', 40],
    ['C>B>D>A', 4],
    ['C>D>A>B', 9],
    ['C=D>A=B', 8],
    ['D>A>B>C', 14],
    ['D>B>C>A', 11],
    ['D>C>A>B', 4],
  ];
  it.each([
    ['winning', [['D'], ['A'], ['B'], ['C']]],
    ['margin', [['A'], ['B'], ['C'], ['D']]],
    ['ratio', [['B'], ['C'], ['D'], ['A']]],
  ] as const)('example 7 with %s strength', (strength, expected) => {
    expect(rank(ABCD, EXAMPLE_7, strength)).toEqual(expected);
  });

  it('examples 8 and 9: B and E win', () => {
    expect(
      rank(ABCDE, [
        ['A>D>B>E>C', 9],
        ['B>C>A>D>E', 6],
        ['B>C>D>E>A', 5],
        ['C>D>B>E>A', 2],
        ['D>E>C>B>A', 6],
        ['E>A>C>B>D', 14],
        ['E>C>A>B>D', 2],
        ['E>D>A>C>B', 1],
      ])[0],
    ).toEqual(['B']);
    expect(
      rank(ABCDE, [
        ['A>D>B>E>C', 9],
        ['B>A>C>E>D', 1],
        ['C>B>A>D>E', 6],
        ['C>D>B>E>A', 2],
        ['C>D>E>A>B', 5],
        ['D>E>C>A>B', 6],
        ['E>B>A>C>D', 14],
        ['E>B>C>A>D', 2],
      ])[0],
    ).toEqual(['E']);
  });
});
