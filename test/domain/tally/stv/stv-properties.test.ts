/**
 * Properties of the proportional methods on random profiles (fast-check): a solid coalition of more
 * than k/(n+1) of the voters gets at least k seats (Droop proportionality, Meek); more than a quota
 * of first preferences is elected; unanimous ballots elect their top n; the order of the ballots
 * does not matter; the fixed-point products are exact.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countStv, type StvBallot, type StvMethod } from '../../../../src/domain/tally/index.js';
import { mulDivUp, mulUp, SCALE } from '../../../../src/domain/tally/stv/fixed-point.js';

const METHODS: StvMethod[] = ['stv-meek', 'cpo-stv'];

/** n candidates, seats < n, ballots that rank a random prefix of a random order. */
const profile = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    seats: fc.integer({ min: 1, max: n - 1 }),
    ballots: fc.array(
      fc.record({
        order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        length: fc.integer({ min: 0, max: n }),
        weight: fc.integer({ min: 1, max: 6 }),
      }),
      { maxLength: 20 },
    ),
  }),
);
const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const toBallots = (bs: Array<{ order: number[]; length: number; weight: number }>): StvBallot[] =>
  bs.map((b) => ({ preferences: b.order.slice(0, b.length), weight: b.weight }));

describe('STV properties', () => {
  it('Meek: a solid coalition of more than k/(seats+1) of the voters gets at least k seats', () => {
    fc.assert(
      fc.property(profile, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), ({ n, seats, ballots }, kPick, sizePick) => {
        const k = 1 + ((kPick - 1) % seats);
        const size = Math.min(n, k + ((sizePick - 1) % (n - k + 1)));
        const others = toBallots(ballots);
        const rest = others.reduce((s, b) => s + b.weight, 0);
        // W/(W + rest) > k/(seats+1)  ⇔  W > k·rest/(seats+1−k)
        const w = Math.floor((k * rest) / (seats + 1 - k)) + 1;
        const coalition = [...Array(size).keys()]; // candidates 0 … size−1, ranked above all others
        const split = [coalition, [...coalition].reverse()];
        const solid: StvBallot[] = [
          { preferences: split[0]!, weight: Math.ceil(w / 2) },
          { preferences: split[1]!, weight: Math.max(1, Math.floor(w / 2)) },
        ];
        const r = countStv('stv-meek', { candidates: names(n), seats, seed: 'p', ballots: [...solid, ...others] });
        const won = r.winners.filter((c) => Number(c.slice(1)) < size).length;
        expect(won).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 200 },
    );
  });

  it.each(METHODS)('%s: more than a quota of first preferences is elected; the winners fill the seats', (method) => {
    fc.assert(
      fc.property(profile, ({ n, seats, ballots }) => {
        const bs = toBallots(ballots);
        const total = bs.reduce((s, b) => s + b.weight, 0);
        const r = countStv(method, { candidates: names(n), seats, seed: 'p', ballots: bs });
        expect(r.winners).toHaveLength(seats);
        expect(new Set(r.winners).size).toBe(seats);
        const first = new Map<number, number>();
        for (const b of bs) if (b.preferences.length) first.set(b.preferences[0]!, (first.get(b.preferences[0]!) ?? 0) + b.weight);
        for (const [c, v] of first) if (v * (seats + 1) > total) expect(r.winners).toContain(`c${c}`);
      }),
      { numRuns: 150 },
    );
  });

  it.each(METHODS)('%s: unanimous ballots elect their top n', (method) => {
    fc.assert(
      fc.property(profile, fc.integer({ min: 1, max: 50 }), ({ n, seats, ballots }, weight) => {
        const order = ballots[0]?.order ?? [...Array(n).keys()];
        const r = countStv(method, { candidates: names(n), seats, seed: 'p', ballots: [{ preferences: order, weight }] });
        expect(new Set(r.winners)).toEqual(new Set(order.slice(0, seats).map((c) => `c${c}`)));
      }),
      { numRuns: 100 },
    );
  });

  it.each(METHODS)('%s: the order of the ballots does not change the count or its draws', (method) => {
    fc.assert(
      fc.property(profile, fc.integer(), ({ n, seats, ballots }, salt) => {
        const bs = toBallots(ballots);
        const shuffled = [...bs].sort((a, b) => ((bs.indexOf(a) * 7919 + salt) % 13) - ((bs.indexOf(b) * 7919 + salt) % 13));
        const a = countStv(method, { candidates: names(n), seats, seed: 'p', ballots: bs });
        const b = countStv(method, { candidates: names(n), seats, seed: 'p', ballots: shuffled });
        expect(b.winners).toEqual(a.winners);
        expect(b.draws).toEqual(a.draws);
        expect(b.rounds.map((x) => x.candidates)).toEqual(a.rounds.map((x) => x.candidates));
      }),
      { numRuns: 100 },
    );
  });

  it('fixed point: products round up exactly as BigInt arithmetic does', () => {
    const unit = fc.integer({ min: 0, max: SCALE });
    fc.assert(
      fc.property(unit, unit, (w, k) => {
        const n = BigInt(w) * BigInt(k);
        const s = BigInt(SCALE);
        expect(BigInt(mulUp(w, k))).toBe(n / s + (n % s === 0n ? 0n : 1n));
      }),
      { numRuns: 2000 },
    );
    expect(mulUp(SCALE, SCALE)).toBe(SCALE);
    expect(mulUp(1, 1)).toBe(1);
    expect(mulDivUp(7, 3, 2)).toBe(11);
  });
});
