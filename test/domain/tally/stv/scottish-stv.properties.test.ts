/**
 * Properties of Scottish STV on random elections (fast-check): Droop proportionality for solid
 * coalitions, a quota of first preferences elects, unanimous ballots elect their top n, every seat
 * is filled, no vote is created, the count ignores the order and grouping of ballots, and the cap
 * holds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scottishStv, type StvBallot, type StvInput } from '../../../../src/domain/tally/stv/index.js';

const NAMES = ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay', 'Gus'];

/** A ranking: a non-empty prefix of a permutation of 0..n-1. */
const ranking = (n: number): fc.Arbitrary<number[]> =>
  fc
    .shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    )
    .chain((order) => fc.integer({ min: 1, max: n }).map((len) => order.slice(0, len)));

const ballot = (n: number): fc.Arbitrary<StvBallot> => fc.record({ preferences: ranking(n), weight: fc.integer({ min: 1, max: 9 }) });

const election = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    candidates: fc.constant(NAMES.slice(0, n)),
    seats: fc.integer({ min: 1, max: n }),
    ballots: fc.array(ballot(n), { minLength: 1, maxLength: 25 }),
    seed: fc.string({ maxLength: 8 }),
  }),
);

const value = (s: string): bigint => BigInt(s.replace('.', ''));

describe('Scottish STV properties', () => {
  // Droop proportionality, as the Order's whole-number quota allows it: the coalition must hold k
  // quotas, floor(V/(n+1))+1 each, which is "more than k/(n+1) of the voters" plus the quota's
  // rounding up. With only "more than k/(n+1)" it can fail in tiny elections — see the example
  // "a coalition just over k/(n+1) can lose a seat to the quota's rounding" in scottish-stv.test.ts.
  it('a solid coalition of more than k/(n+1) of the voters (k whole quotas) gets at least k seats', () => {
    const arb = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.integer({ min: 1, max: n }).chain((seats) =>
        fc.record({
          n: fc.constant(n),
          seats: fc.constant(seats),
          coalition: fc.shuffledSubarray(
            Array.from({ length: n }, (_, i) => i),
            { minLength: 1, maxLength: n },
          ),
          k: fc.integer({ min: 1, max: seats }),
          others: fc.array(ballot(n), { minLength: 1, maxLength: 20 }),
          orders: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          seed: fc.string({ maxLength: 6 }),
        }),
      ),
    );
    fc.assert(
      fc.property(arb, ({ n, seats, coalition, k: wanted, others, orders, seed }) => {
        const k = Math.min(wanted, coalition.length);
        const rest = Array.from({ length: n }, (_, i) => i).filter((c) => !coalition.includes(c));
        const otherVoters = others.reduce((sum, b) => sum + b.weight, 0);
        // The smallest coalition c with c / (c + others) > k / (seats + 1) and c ≥ k quotas.
        let size = Math.floor((k * otherVoters) / (seats + 1 - k)) + 1;
        while (size < k * (Math.floor((size + otherVoters) / (seats + 1)) + 1)) size++;
        const coalitionBallots = orders
          .map((o, i) => {
            const rotated = coalition.map((_, j) => coalition[(j + o) % coalition.length]!);
            const share = Math.floor(size / orders.length) + (i < size % orders.length ? 1 : 0);
            return { preferences: [...rotated, ...rest.slice(0, o % (rest.length + 1))], weight: share };
          })
          .filter((b) => b.weight > 0);
        const result = scottishStv({ candidates: NAMES.slice(0, n), seats, ballots: [...others, ...coalitionBallots], seed });
        const won = result.winners.filter((w) => coalition.includes(NAMES.indexOf(w))).length;
        expect(won).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it('a candidate ranked first by at least a quota of the voters is elected', () => {
    fc.assert(
      fc.property(election, (input) => {
        const result = scottishStv(input);
        const quota = value(result.rounds[0]!.quota);
        const first = new Map<number, bigint>();
        for (const b of input.ballots) {
          const top = b.preferences[0]!;
          first.set(top, (first.get(top) ?? 0n) + BigInt(b.weight) * 100_000n);
        }
        for (const [c, votes] of first) if (votes >= quota) expect(result.winners).toContain(input.candidates[c]);
      }),
      { numRuns: 300 },
    );
  });

  it('unanimous ballots elect their top n', () => {
    const arb = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.integer({ min: 1, max: n }).chain((seats) =>
        fc.record({
          n: fc.constant(n),
          seats: fc.constant(seats),
          order: fc.shuffledSubarray(
            Array.from({ length: n }, (_, i) => i),
            { minLength: n, maxLength: n },
          ),
          length: fc.integer({ min: seats, max: n }),
          // Enough voters that every elected candidate's surplus still carries a vote onward.
          voters: fc.integer({ min: 2 * (seats + 1) * (seats + 1), max: 5000 }),
          split: fc.integer({ min: 1, max: 3 }),
        }),
      ),
    );
    fc.assert(
      fc.property(arb, ({ n, seats, order, length, voters, split }) => {
        const preferences = order.slice(0, length);
        const ballots = Array.from({ length: split }, (_, i) => ({
          preferences,
          weight: Math.floor(voters / split) + (i < voters % split ? 1 : 0),
        }));
        const result = scottishStv({ candidates: NAMES.slice(0, n), seats, ballots, seed: 'u' });
        // As a set: the last ones may be elected together by rule 52, in no order of their own.
        expect([...result.winners].sort()).toEqual(
          preferences
            .slice(0, seats)
            .map((c) => NAMES[c]!)
            .sort(),
        );
        expect(result.draws).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('fills every seat when there are enough candidates, and elects each winner once', () => {
    fc.assert(
      fc.property(election, (input) => {
        const result = scottishStv(input);
        expect(result.winners).toHaveLength(Math.min(input.seats, input.candidates.length));
        expect(new Set(result.winners).size).toBe(result.winners.length);
      }),
      { numRuns: 300 },
    );
  });

  it('creates no votes: held + exhausted never exceeds the valid papers, and truncation loses at most 0.00001 a paper a stage', () => {
    fc.assert(
      fc.property(election, (input) => {
        const result = scottishStv(input);
        const papers = input.ballots.reduce((s, b) => s + BigInt(b.weight), 0n);
        const total = papers * 100_000n;
        result.rounds.forEach((round, i) => {
          const held = round.candidates.reduce((s, c) => s + value(c.votes), 0n) + value(round.exhausted);
          expect(held).toBeLessThanOrEqual(total);
          expect(total - held).toBeLessThanOrEqual(papers * BigInt(i));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the ballots or on how identical ballots are grouped', () => {
    fc.assert(
      fc.property(election, fc.nat(), (input, shift) => {
        const result = scottishStv(input);
        const k = shift % input.ballots.length;
        const rotated = [...input.ballots.slice(k), ...input.ballots.slice(0, k)];
        expect(scottishStv({ ...input, ballots: rotated })).toEqual(result);
        const split = input.ballots.flatMap((b) => Array.from({ length: b.weight }, () => ({ preferences: b.preferences, weight: 1 })));
        expect(scottishStv({ ...input, ballots: split })).toEqual(result);
      }),
      { numRuns: 150 },
    );
  });

  it('never gives a capped group more seats than the cap', () => {
    const capped = election.chain((input) =>
      fc.record({
        input: fc.constant(input),
        limit: fc.integer({ min: 1, max: 2 }),
        groupOf: fc.array(fc.constantFrom('acme', 'globex', undefined), {
          minLength: input.candidates.length,
          maxLength: input.candidates.length,
        }),
      }),
    );
    fc.assert(
      fc.property(capped, ({ input, limit, groupOf }) => {
        const withCap: StvInput = { ...input, seatCap: { limit, groupOf } };
        const result = scottishStv(withCap);
        for (const group of ['acme', 'globex']) {
          const held = result.winners.filter((w) => groupOf[input.candidates.indexOf(w)] === group).length;
          expect(held).toBeLessThanOrEqual(limit);
        }
        const states = result.rounds.at(-1)!.candidates;
        for (const c of states.filter((s) => s.state === 'passed-over')) {
          expect(groupOf[input.candidates.indexOf(c.candidate)]).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
