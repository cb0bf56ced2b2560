import { describe, expect, it } from '@jest/globals';
import { DomainError, NO_OPINION_RANK } from '../../../src/domain/index.js';
import { PairwiseAccumulator } from '../../../src/domain/tally/index.js';
import { table } from './ballots.js';

describe('PairwiseAccumulator', () => {
  it("reproduces Elekto's test_schulze_d vector (spec §8.2), transposed to d[x][y] = x preferred over y", () => {
    // Elekto: {v1: A3,B2,C1; v2: B3,C2,A1} -> d = {AB:1, AC:1, BA:1, BC:2, CA:1, CB:0} where Elekto's
    // d[V,W] counts voters preferring W over V. Ours is the transpose.
    const acc = new PairwiseAccumulator(['A', 'B', 'C']);
    acc.addRanks([3, 2, 1]);
    acc.addRanks([1, 3, 2]);
    const elekto = { AB: 1, AC: 1, BA: 1, BC: 2, CA: 1, CB: 0 };
    expect(table(acc.matrix())).toEqual([
      [0, elekto.BA, elekto.CA],
      [elekto.AB, 0, elekto.CB],
      [elekto.AC, elekto.BC, 0],
    ]);
    expect(acc.ballots).toBe(2);
  });

  it('counts a pair only when both are ranked (no opinion), equal ranks for neither side', () => {
    const acc = new PairwiseAccumulator(['A', 'B', 'C', 'D']);
    acc.addRanks([1, 1, 0, NO_OPINION_RANK]); // A = B, C and D unranked
    acc.addRanks([2, NaN, 1, 0]); // C > A
    expect(table(acc.matrix())).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(acc.ballots).toBe(2);
  });

  it("with 'last', unranked candidates tie below every ranked one", () => {
    const acc = new PairwiseAccumulator(['A', 'B', 'C', 'D'], 'last');
    acc.addRanks([2, 0, 1, 0]); // C > A > (B = D)
    expect(table(acc.matrix())).toEqual([
      [0, 1, 0, 1],
      [0, 0, 0, 0],
      [1, 1, 0, 1],
      [0, 0, 0, 0],
    ]);
  });

  it('gives the same matrix when unit-weight counts are folded into the float matrix along the way', () => {
    const ballots: Array<[number[], number]> = [
      [[1, 2, 3], 1],
      [[3, 1, 2], 1],
      [[2, 2, 1], 0.5],
      [[1, 0, 2], 1],
      [[0, 1, 1], 2],
      [[2, 1, 3], 1],
      [[1, 3, 2], 1],
    ];
    for (const unranked of ['no-opinion', 'last'] as const) {
      const plain = new PairwiseAccumulator(['A', 'B', 'C'], unranked);
      const folding = new PairwiseAccumulator(['A', 'B', 'C'], unranked, { foldUnitBallotsAt: 2 });
      for (const [ranks, weight] of ballots) {
        plain.addRanks(ranks, weight);
        folding.addRanks(ranks, weight);
      }
      expect(Array.from(folding.matrix().counts)).toEqual(Array.from(plain.matrix().counts));
      expect(folding.ballots).toBe(7.5);
    }
  });

  it('a weight counts as that many copies; ballots counts the total weight', () => {
    const once = new PairwiseAccumulator(['A', 'B', 'C']);
    const weighted = new PairwiseAccumulator(['A', 'B', 'C']);
    for (let i = 0; i < 7; i++) once.addRanks([2, 1, 3]);
    weighted.addRanks([2, 1, 3], 7);
    expect(weighted.matrix()).toEqual(once.matrix());
    expect(weighted.ballots).toBe(7);
  });

  it('addEntries matches addRanks and names unknown candidates', () => {
    const a = new PairwiseAccumulator(['A', 'B', 'C']);
    const b = new PairwiseAccumulator(['A', 'B', 'C']);
    a.addEntries([
      { candidate: 'C', rank: 1 },
      { candidate: 'A', rank: 2 },
      { candidate: 'B', rank: NO_OPINION_RANK },
    ]);
    b.addRanks([2, 0, 1]);
    expect(a.matrix()).toEqual(b.matrix());
    expect(() => a.addEntries([{ candidate: 'Z', rank: 1 }])).toThrow(/"Z" is not a candidate/);
    expect(() => a.addEntries([{ candidate: 'Z', rank: 1 }])).toThrow(DomainError);
    expect(() =>
      a.addEntries([
        { candidate: 'A', rank: 1 },
        { candidate: 'A', rank: 2 },
      ]),
    ).toThrow(/twice/);
    expect(() => a.addEntries([{ candidate: 'A', rank: 0 }])).toThrow(/not a rank/);
  });

  it('rejects bad input with INVALID_TALLY_INPUT', () => {
    const code = (f: () => void): string | undefined => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).code;
      }
      return undefined;
    };
    expect(code(() => new PairwiseAccumulator([]))).toBe('INVALID_TALLY_INPUT');
    expect(code(() => new PairwiseAccumulator(['A', 'A']))).toBe('INVALID_TALLY_INPUT');
    const acc = new PairwiseAccumulator(['A', 'B']);
    expect(code(() => acc.addRanks([1]))).toBe('INVALID_TALLY_INPUT');
    expect(code(() => acc.addRanks([1, -2]))).toBe('INVALID_TALLY_INPUT');
    expect(code(() => acc.addRanks([1, 2], -1))).toBe('INVALID_TALLY_INPUT');
    expect(acc.ballots).toBe(0);
  });

  it('hands out snapshots: later ballots do not change an earlier matrix', () => {
    const acc = new PairwiseAccumulator(['A', 'B']);
    acc.addRanks([1, 2]);
    const first = acc.matrix();
    acc.addRanks([1, 2]);
    expect(first.counts[1]).toBe(1);
    expect(acc.matrix().counts[1]).toBe(2);
  });
});
