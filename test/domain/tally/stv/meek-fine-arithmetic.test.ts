import { meekStv } from '../../../../src/domain/tally/index.js';
import { SCALE } from '../../../../src/domain/tally/stv/fixed-point.js';

/**
 * Meek's count must tell apart candidates about 10⁻⁷ of a vote apart (issue 16). The election below
 * is built so that the gap comes only from how finely A's keep value is held.
 *
 * Construction (2 seats, weighted ballots; N = 8,999,999 ballots, just under the 9,000,000 the
 * fixed-point arithmetic takes):
 *   x = 3,000,001  A > B        b =   399,999  B
 *   y = 2,999,999  A > C        c =   400,000  C > D
 *                               d = 2,200,000  D
 * A has S = x + y = 6,000,000 first preferences and is elected at once; the quota is N/3. Once the
 * keep values settle, A keeps k ≈ quota/S of each of its ballots and passes 1 − k on, so
 *   B = b + x(1 − k),  C = c + y(1 − k),  B − C = (b − c) + (x − y)(1 − k) = −1 + 2(1 − k) = 1 − 2k.
 * With k = N/(3S) = 8,999,999/18,000,000 = 0.4999999444…, B − C = 1/9,000,000 ≈ 1.1 × 10⁻⁷: B is
 * ahead of C by about a ten-millionth of a vote, and C (not B) is the one to exclude. Both stay far
 * below the quota (≈ 1.9 million against 3 million), and D (2.2 million) is above both.
 *
 * Keep values are held in billionths and rounded up, so k = 0.499999945 and the gap comes out as
 * exactly 110 billionths. Held to 7 decimals or fewer, k would round up to 0.5000000, A's ballots
 * would pass exactly half a vote to each, and B and C would tie at the same total: the exclusion
 * would go to a draw by lot instead of to the candidate with fewer votes.
 */
const x = 3_000_001;
const y = 2_999_999;
const b = 399_999;
const c = 400_000;
const d = 2_200_000;
const N = x + y + b + c + d;
const S = x + y;

/** B − C in units of 10^−decimals when A's keep value N/(3S) is held to `decimals` places, rounded up. */
function gapAt(decimals: number): bigint {
  const unit = 10n ** BigInt(decimals);
  const num = BigInt(N) * unit;
  const den = 3n * BigInt(S);
  const k = (num + den - 1n) / den; // ⌈k · 10^decimals⌉
  return unit - 2n * k;
}

describe("Meek STV's fixed-point arithmetic separates candidates 10⁻⁷ of a vote apart", () => {
  const result = meekStv({
    candidates: ['A', 'B', 'C', 'D'],
    seats: 2,
    seed: 'fine-arithmetic',
    ballots: [
      { preferences: [0, 1], weight: x },
      { preferences: [0, 2], weight: y },
      { preferences: [1], weight: b },
      { preferences: [2, 3], weight: c },
      { preferences: [3], weight: d },
    ],
  });
  const units = (v: string): bigint => BigInt(v.replace('.', ''));
  const round2 = result.rounds[1]!;
  const votes = (name: string) => round2.candidates.find((r) => r.candidate === name)!;

  it('builds the election it says: N just under the limit, k = 8,999,999 / 18,000,000', () => {
    expect(N).toBe(8_999_999);
    expect(SCALE).toBe(1_000_000_000);
    expect(votes('A').keepValue).toBe('0.499999945');
  });

  it('holds B and C 110 billionths of a vote apart and excludes C, the lower, without a draw', () => {
    const gap = units(votes('B').votes) - units(votes('C').votes);
    expect(gap).toBe(110n); // 1.10 × 10⁻⁷ of a vote
    expect(Number(gap) / SCALE).toBeCloseTo(1 / 9_000_000, 8);
    expect(Number(votes('B').votes)).toBeLessThan(Number(round2.quota));
    expect(round2.excluded).toEqual(['C']);
    expect(round2.summary).toContain('C has the fewest votes (1899999.664999945) and is excluded.');
    expect(result.draws).toEqual([]);
    expect(result.winners).toEqual(['A', 'D']);
  });

  it('the gap is the arithmetic of the keep value: 9 and 8 decimals separate them, 7 or fewer make a tie', () => {
    expect(gapAt(9)).toBe(110n); // what the count above found
    expect(gapAt(8)).toBe(10n); // still 10⁻⁷
    expect(gapAt(7)).toBe(0n); // k rounds up to 0.5: B and C tie
    expect(gapAt(6)).toBe(0n);
    // At 6 decimals the two totals printed would be the same number.
    const six = (v: string) => (Math.round(Number(v) * 1e6) / 1e6).toFixed(6);
    expect(six(votes('B').votes)).toBe(six(votes('C').votes));
  });
});
