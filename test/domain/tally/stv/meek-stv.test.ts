/**
 * Meek's method (stv-meek) against counts published elsewhere. Each case names its source; the
 * expected figures come from that source or from the closed form of Meek's fixed point, never from
 * this counter's own output.
 */
import { describe, expect, it } from '@jest/globals';
import { countStv, meekStv, type StvInput } from '../../../../src/domain/tally/index.js';

const ballot = (weight: number, ...preferences: number[]) => ({ weight, preferences });

describe('stv-meek: known counts', () => {
  it('converges to the keep value of the fixed point (election-methods list, 12 Sep 2004, Meek iteration worked by hand)', () => {
    // Source: lists.electorama.com election-methods 2004-09-12 (reply to James Armytage-Green):
    // 61 A, 60 A>B, 30 C>D, 29 D>C, 2 seats, quota (votes − excess)/3. The message iterates A's keep
    // value 60/121 → 0.412 → 0.398 → …; the limit solves 121k = (180 − 61(1 − k))/3, k = 119/302.
    const input: StvInput = {
      candidates: ['A', 'B', 'C', 'D'],
      seats: 2,
      seed: 'electorama-2004',
      ballots: [ballot(61, 0), ballot(60, 0, 1), ballot(30, 2, 3), ballot(29, 3, 2)],
    };
    const r = meekStv(input);
    const [first, second] = r.rounds;
    expect(first!.quota).toBe('60.000000001');
    expect(first!.elected).toEqual(['A']);
    const a = second!.candidates.find((c) => c.candidate === 'A')!;
    expect(Number(a.keepValue)).toBeCloseTo(119 / 302, 7);
    expect(Number(second!.quota)).toBeCloseTo((121 * 119) / 302, 7);
    // Each of the 60 A>B ballots rounds A's share up by at most 10⁻⁹: B is within 60 × 10⁻⁹.
    expect(Math.abs(Number(second!.candidates.find((c) => c.candidate === 'B')!.votes) - (60 * 183) / 302)).toBeLessThan(1e-7);
    expect(Math.abs(Number(second!.exhausted) - (61 * 183) / 302)).toBeLessThan(1e-7);
    // The message's next steps: nobody else reaches the quota, D (29) is the lowest and goes; C then
    // holds 59 votes, over the quota.
    expect(second!.excluded).toEqual(['D']);
    expect(r.winners).toEqual(['A', 'C']);
    expect(r.draws).toEqual([]);
  });

  it('PPCG 2018 moderator election, OpenSTV 1.7 Meek report (gist Mego/5be32d76d99d819508fecfbac9a52736)', () => {
    // BLT transcribed: 3 candidates, 2 seats; 1 DJMcMayhem, 2 Mego, 3 PhiNotPi.
    const input: StvInput = {
      candidates: ['DJMcMayhem', 'Mego', 'PhiNotPi'],
      seats: 2,
      seed: 'ppcg-2018',
      ballots: [ballot(1, 1, 0, 2), ballot(1, 1, 0, 2), ballot(1, 2, 0, 1), ballot(1, 0, 1, 2), ballot(1, 1, 0, 2), ballot(1, 2, 1, 0), ballot(1, 0, 1, 2)],
    };
    const r = countStv('stv-meek', input);
    const first = r.rounds[0]!;
    // The report's round 1: 2 / 3 / 2, exhausted 0, threshold 2.333334 (six places, rounded up).
    expect(first.candidates.map((c) => Number(c.votes))).toEqual([2, 3, 2]);
    expect(Number(first.quota)).toBeCloseTo(2.333334, 5);
    expect(first.exhausted).toBe('0.000000000');
    expect(first.elected).toEqual(['Mego']);
    // Mego's surplus (3 − 7/3) all flows to DJMcMayhem (the next preference of every Mego ballot):
    // 2 + 2/3 > 7/3, so DJMcMayhem takes the second seat.
    expect(r.winners).toEqual(['Mego', 'DJMcMayhem']);
    const dj = r.rounds[1]!.candidates[0]!;
    expect(Number(dj.votes)).toBeCloseTo(2 + 2 / 3, 7);
  });

  it('OpaVote blog "Meek STV explained" (blog.opavote.com, April 2017): Alice and Bob, then Chris on their surpluses', () => {
    // 3 seats of 5, 60 votes: 28 Alice>Bob>Chris, 26 Bob>Alice>Chris, 3 Chris, 2 Don, 1 Eric. The
    // blog elects Alice and Bob on first preferences, then their surpluses, passed between them and
    // on, elect Chris. (The blog's threshold is 16; Meek's quota here is 60/4: same winners.)
    const r = meekStv({
      candidates: ['Alice', 'Bob', 'Chris', 'Don', 'Eric'],
      seats: 3,
      seed: 'opavote',
      ballots: [ballot(28, 0, 1, 2), ballot(26, 1, 0, 2), ballot(3, 2), ballot(2, 3), ballot(1, 4)],
    });
    expect(r.rounds[0]!.elected).toEqual(['Alice', 'Bob']);
    expect(r.rounds[1]!.elected).toEqual(['Chris']);
    expect(r.rounds[1]!.transferred).toBe('Alice, Bob');
    expect(r.winners).toEqual(['Alice', 'Bob', 'Chris']);
  });

  it('elects the unanimous top n and nobody else', () => {
    const r = meekStv({ candidates: ['a', 'b', 'c', 'd'], seats: 2, seed: 's', ballots: [ballot(10, 2, 0, 1, 3)] });
    expect(r.winners).toEqual(['c', 'a']);
  });

  it('conserves every vote: held votes plus excess equal the ballots, exactly, in every round', () => {
    const input: StvInput = {
      candidates: ['a', 'b', 'c', 'd', 'e'],
      seats: 3,
      seed: 's',
      ballots: [ballot(7, 0, 1), ballot(5, 0, 2, 3), ballot(3, 1), ballot(4, 3, 4, 2), ballot(2, 4), ballot(1)],
    };
    for (const round of meekStv(input).rounds) {
      const units = (s: string) => BigInt(s.replace('.', ''));
      const held = round.candidates.reduce((sum, c) => sum + units(c.votes), 0n);
      expect(held + units(round.exhausted)).toBe(22_000_000_000n);
    }
  });

  it('breaks an exact tie for exclusion by a seeded, recorded draw that repeats with the seed', () => {
    const input = (seed: string): StvInput => ({
      candidates: ['a', 'b', 'c'],
      seats: 1,
      seed,
      ballots: [ballot(3, 0), ballot(2, 1), ballot(2, 2)],
    });
    const one = meekStv(input('seed-1'));
    expect(one.draws).toHaveLength(1);
    expect(one.draws[0]).toMatchObject({ round: 1, among: ['b', 'c'], purpose: 'exclude' });
    expect(one.rounds[0]!.summary).toContain('chosen by lot');
    expect(meekStv(input('seed-1')).draws).toEqual(one.draws);
    const chosen = new Set(Array.from({ length: 20 }, (_, i) => meekStv(input(`s${i}`)).draws[0]!.chosen));
    expect(chosen).toEqual(new Set(['b', 'c']));
  });

  it('passes over a candidate whose election would exceed the employer cap, and elects the next', () => {
    // Two of Acme's candidates are the most popular; with a cap of 1 the second is passed over and
    // their votes go on, as the Kubernetes steering committee charter does by hand.
    const input: StvInput = {
      candidates: ['acme-1', 'acme-2', 'other-1', 'other-2'],
      seats: 2,
      seed: 's',
      ballots: [ballot(40, 0, 1), ballot(35, 1, 2), ballot(15, 2), ballot(10, 3)],
      seatCap: { limit: 1, groupOf: ['acme', 'acme', 'other', undefined] },
    };
    const r = meekStv(input);
    expect(r.winners).toEqual(['acme-1', 'other-1']);
    const passed = r.rounds.find((x) => x.summary.includes('passed over'))!;
    expect(passed.excluded).toEqual(['acme-2']);
    expect(passed.candidates.find((c) => c.candidate === 'acme-2')!.state).toBe('passed-over');
    expect(passed.summary).toContain('"acme" already has 1 seat (acme-1); the cap is 1');
    // Without the cap both Acme candidates win.
    expect(meekStv({ ...input, seatCap: undefined }).winners).toEqual(['acme-1', 'acme-2']);
  });

  it('refuses bad input with a sentence', () => {
    const base: StvInput = { candidates: ['a', 'b'], seats: 1, seed: 's', ballots: [] };
    expect(() => meekStv({ ...base, seats: 0 })).toThrow('seats must be a whole number');
    expect(() => meekStv({ ...base, ballots: [ballot(1, 0, 0)] })).toThrow('ranks "a" twice');
    expect(() => meekStv({ ...base, ballots: [ballot(1, 2)] })).toThrow('candidate number 2');
    expect(() => meekStv({ ...base, ballots: [ballot(0.5, 0)] })).toThrow('whole number from 1 up');
    expect(() => countStv('stv-nope' as never, base)).toThrow('not available');
  });

  it('elects nobody by lot among empty ballots but still fills the seats, each draw recorded', () => {
    const r = meekStv({ candidates: ['a', 'b', 'c'], seats: 2, seed: 'empty', ballots: [ballot(3)] });
    expect(r.winners).toHaveLength(2);
    expect(r.draws.length).toBeGreaterThan(0);
  });
});
