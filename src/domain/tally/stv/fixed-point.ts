/**
 * Fixed-point decimals for the STV counts: a value is a whole number of billionths of a vote
 * (9 decimal places, `SCALE` = 10⁹), held in an ordinary JavaScript number. Every value stays an
 * exact integer below 2⁵³ as long as the election has at most `MAX_STV_BALLOTS` ballots, so sums
 * are exact and the only rounding is the one each operation names (Algorithm 123 counts in fixed
 * point for the same reason: every counter reproduces the same digits).
 *
 * Why not BigInt: a Meek count multiplies once per ballot, preference and iteration (hundreds of
 * millions of times for 100,000 ballots); BigInt is an order of magnitude slower. The products
 * below split one factor so that no intermediate exceeds 2⁵³.
 */
export const DECIMALS = 9;
export const SCALE = 1_000_000_000;
/** Total ballots × SCALE must stay below 2⁵³ ≈ 9.007 × 10¹⁵. */
export const MAX_STV_BALLOTS = 9_000_000;

const SPLIT = 100_000; // k = kHigh·SPLIT + kLow, kHigh ≤ 10⁴, kLow < 10⁵

/** ⌈w·k / SCALE⌉ for 0 ≤ w, k ≤ SCALE (whole units): a vote of value w passing keep value k, rounded up. */
export function mulUp(w: number, k: number): number {
  const kHigh = Math.floor(k / SPLIT);
  const kLow = k - kHigh * SPLIT;
  const a = w * kHigh; // ≤ 10¹³
  const aHigh = Math.floor(a / 10_000);
  const rest = (a - aHigh * 10_000) * SPLIT + w * kLow; // ≤ 10⁹ + 10¹⁴
  const q = Math.floor(rest / SCALE);
  return aHigh + q + (rest - q * SCALE > 0 ? 1 : 0);
}

/** ⌈a·b / c⌉ for whole non-negative units, exactly (BigInt: called once per candidate per iteration). */
export function mulDivUp(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = n / d;
  return Number(q * d === n ? q : q + 1n);
}

/** ⌊a / b⌋ for a whole number of units a < 2⁵³ and a small whole b. */
export function divDown(a: number, b: number): number {
  return Math.floor(a / b);
}

/** The decimal string of a value in units: 12.500000000 for 12_500_000_000. */
export function formatUnits(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / SCALE);
  const frac = String(abs - whole * SCALE).padStart(DECIMALS, '0');
  return `${sign}${whole}.${frac}`;
}
