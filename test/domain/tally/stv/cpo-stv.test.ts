/**
 * CPO-STV (cpo-stv) against published comparisons, the outcome limit, the seat cap, and the
 * Condorcet property (one seat: the Condorcet winner, checked against the project's own pairwise
 * engine, an independent implementation).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compareOutcomes,
  condorcetWinner,
  countStv,
  CPO_MAX_OUTCOMES,
  cpoStv,
  packStvInput,
  PairwiseAccumulator,
  type StvInput,
} from '../../../../src/domain/tally/index.js';

const ballot = (weight: number, ...preferences: number[]) => ({ weight, preferences });
const E9 = 1_000_000_000;

describe('cpo-stv', () => {
  it('compares two outcomes as in the Electowiki CPO-STV article (Escher/Andre/Gore 282, Escher/Nader/Gore 190)', () => {
    // Source: electowiki.org/wiki/CPO-STV (revision 279), "Comparison of Pairs of Outcomes": quota 100;
    // Bush (in neither outcome) is excluded, Escher (in both) has no surplus, then the sums.
    const input: StvInput = {
      candidates: ['Escher', 'Andre', 'Nader', 'Gore', 'Bush'],
      seats: 3,
      seed: 'electowiki',
      ballots: [ballot(100, 0), ballot(110, 1, 2, 3), ballot(18, 2, 3), ballot(21, 3, 2), ballot(6, 3, 4), ballot(45, 4, 3)],
    };
    const r = compareOutcomes(packStvInput(input), 5, [0, 1, 3], [0, 2, 3], 100 * E9);
    expect(r).toEqual({ a: 282 * E9, b: 190 * E9 });
  });

  it('transfers the surplus of a candidate in both outcomes by keep value, the rest of a ballot going on', () => {
    // 60 X>Y, 20 Z, 20 Y; quota fixed at 25: X keeps 25/60 of each ballot, Y receives the other 35.
    const input: StvInput = { candidates: ['X', 'Y', 'Z'], seats: 3, seed: 's', ballots: [ballot(60, 0, 1), ballot(20, 2), ballot(20, 1)] };
    const r = compareOutcomes(packStvInput(input), 3, [0, 1], [0, 2], 25 * E9);
    expect(Math.abs(r.a - 80 * E9)).toBeLessThanOrEqual(100); // X 25 + Y 55
    expect(Math.abs(r.b - 45 * E9)).toBeLessThanOrEqual(100); // X 25 + Z 20
  });

  it('refuses, with a sentence naming the numbers, more outcomes than CPO_MAX_OUTCOMES', () => {
    const candidates = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const input: StvInput = { candidates, seats: 4, seed: 's', ballots: candidates.map((_, i) => ballot(1, i)) };
    expect(CPO_MAX_OUTCOMES).toBe(300);
    expect(() => cpoStv(input)).toThrow(`CPO-STV would have to compare 495 outcomes (12 candidates for 4 open seats); it compares at most 300. Use stv-meek`);
  });

  it('leaves out the outcomes that break the seat cap', () => {
    const input: StvInput = {
      candidates: ['acme-1', 'acme-2', 'other'],
      seats: 2,
      seed: 's',
      ballots: [ballot(40, 0, 1), ballot(35, 1, 0), ballot(25, 2)],
      seatCap: { limit: 1, groupOf: ['acme', 'acme', 'other'] },
    };
    expect(countStv('cpo-stv', { ...input, seatCap: undefined }).winners).toEqual(['acme-1', 'acme-2']);
    expect(cpoStv(input).winners).toEqual(['acme-1', 'other']);
  });

  it('elects a candidate with more than a quota of first preferences in every outcome it compares', () => {
    const r = cpoStv({ candidates: ['a', 'b', 'c', 'd'], seats: 2, seed: 's', ballots: [ballot(50, 0), ballot(20, 1), ballot(18, 2), ballot(12, 3)] });
    expect(r.winners).toContain('a');
    expect(r.rounds[0]!.summary).toMatch(/^3 outcomes of 2 compared pairwise/);
  });

  it('with one seat, elects the Condorcet winner whenever there is one', () => {
    const profile = fc.integer({ min: 2, max: 5 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ballots: fc.array(
          fc.record({ order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), weight: fc.integer({ min: 1, max: 5 }) }),
          { minLength: 1, maxLength: 15 },
        ),
      }),
    );
    fc.assert(
      fc.property(profile, ({ n, ballots }) => {
        const candidates = Array.from({ length: n }, (_, i) => `c${i}`);
        const acc = new PairwiseAccumulator(candidates);
        for (const b of ballots) {
          const ranks = new Array<number>(n);
          b.order.forEach((c, i) => (ranks[c] = i + 1));
          acc.addRanks(ranks, b.weight);
        }
        const m = acc.matrix();
        const w = condorcetWinner(m.counts, n);
        const winner = w === null ? null : candidates[w];
        const r = cpoStv({ candidates, seats: 1, seed: 'p', ballots: ballots.map((b) => ({ preferences: b.order, weight: b.weight })) });
        if (winner !== null) expect(r.winners).toEqual([winner]);
        expect(r.winners).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });
});
