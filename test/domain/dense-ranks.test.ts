/**
 * Dense ranks: a ballot's ranks renumbered 1..k, ties kept, so the numbers a voter typed (271828,
 * 314159, …) never reach an export where a vote buyer could look for them.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { denseEntries, denseRanks } from '../../src/domain/ballot/dense-ranks.js';
import { NO_OPINION_RANK } from '../../src/domain/ballot/ranking.js';
import { PairwiseAccumulator } from '../../src/domain/tally/index.js';

const NO = NO_OPINION_RANK;

describe('denseRanks', () => {
  it.each([
    [
      [271828, 314159, 577215],
      [1, 2, 3],
    ],
    [
      [5, 5, 9],
      [1, 1, 2],
    ],
    [
      [1, 1, 4],
      [1, 1, 2],
    ],
    [
      [9, NO, 2, 9],
      [2, NO, 1, 2],
    ],
    [
      [NO, NO],
      [NO, NO],
    ],
    [[], []],
    [
      [Number.MAX_SAFE_INTEGER, 3],
      [2, 1],
    ],
  ])('%j becomes %j', (ranks, dense) => {
    expect(denseRanks(ranks)).toEqual(dense);
  });

  it('reads what the tally cannot count (0, negative, fractional, text Elekto stored) as "No opinion"', () => {
    expect(denseRanks([0, -3, 1.5, Number.NaN, 7, Number.POSITIVE_INFINITY])).toEqual([NO, NO, NO, NO, 1, NO]);
  });

  it('keeps candidates and their order in entries', () => {
    expect(
      denseEntries([
        { candidate: 'b', rank: 40 },
        { candidate: 'a', rank: NO },
        { candidate: 'c', rank: 7 },
      ]),
    ).toEqual([
      { candidate: 'b', rank: 2 },
      { candidate: 'a', rank: NO },
      { candidate: 'c', rank: 1 },
    ]);
  });
});

describe('denseRanks properties', () => {
  const rank = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) },
    { weight: 2, arbitrary: fc.constant(NO) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 2.5, Number.NaN) },
  );
  const ballot = fc.array(rank, { maxLength: 30 });
  const counted = (r: number) => Number.isSafeInteger(r) && r >= 1 && r !== NO;

  it('preserves order and ties between every pair of ranked candidates', () => {
    fc.assert(
      fc.property(ballot, (ranks) => {
        const dense = denseRanks(ranks);
        for (let i = 0; i < ranks.length; i++) {
          for (let j = 0; j < ranks.length; j++) {
            if (!counted(ranks[i]!) || !counted(ranks[j]!)) continue;
            expect(Math.sign(dense[i]! - dense[j]!)).toBe(Math.sign(ranks[i]! - ranks[j]!));
          }
        }
      }),
    );
  });

  it('gives exactly 1..k where k is the number of distinct ranks, and keeps "No opinion" where it was', () => {
    fc.assert(
      fc.property(ballot, (ranks) => {
        const dense = denseRanks(ranks);
        expect(dense).toHaveLength(ranks.length);
        const k = new Set(ranks.filter(counted)).size;
        expect([...new Set(dense.filter((r) => r !== NO))].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
        ranks.forEach((r, i) => expect(dense[i] === NO).toBe(!counted(r)));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(ballot, (ranks) => {
        const once = denseRanks(ranks);
        expect(denseRanks(once)).toEqual(once);
      }),
    );
  });

  it('leaves every tally unchanged: the pairwise matrix reads only the order within a ballot', () => {
    const whole = fc.oneof(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 4 }), fc.constant(NO));
    const profile = fc.integer({ min: 2, max: 6 }).chain((n) => fc.array(fc.array(whole, { minLength: n, maxLength: n }), { maxLength: 20 }));
    fc.assert(
      fc.property(profile, fc.constantFrom('no-opinion' as const, 'last' as const), (ballots, unranked) => {
        const n = ballots[0]?.length ?? 2;
        const ids = Array.from({ length: n }, (_, i) => `c${i}`);
        const raw = new PairwiseAccumulator(ids, unranked);
        const densified = new PairwiseAccumulator(ids, unranked);
        for (const b of ballots) {
          raw.addRanks(b);
          densified.addRanks(denseRanks(b));
        }
        expect(densified.matrix()).toEqual(raw.matrix());
      }),
    );
  });
});
