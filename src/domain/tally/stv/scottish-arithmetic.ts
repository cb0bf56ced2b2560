/**
 * The arithmetic of the Scottish Local Government Elections Order 2007: every vote value is a
 * decimal with five places, held exactly as a BigInt scaled by 10^5 (1.00000 is 100000n). No
 * floats anywhere, so a count is reproducible to the last digit on every machine.
 */

export type Value = bigint;

export const SCALE = 100_000n;
export const ONE: Value = SCALE;
export const ZERO: Value = 0n;

/** A whole number of votes (ballot papers) as a value. */
export function whole(n: number | bigint): Value {
  return BigInt(n) * SCALE;
}

/**
 * Rule 48(3): transfer value = surplus × value of the paper when received ÷ the candidate's total,
 * "calculated to five decimal places (any remainder being ignored)", i.e. truncated. With all three
 * scaled by 10^5 the scale factors cancel to exactly one, so one floor division does it.
 */
export function transferValue(surplus: Value, paperValue: Value, total: Value): Value {
  if (total <= 0n) return ZERO;
  return (surplus * paperValue) / total;
}

/** "12.34560": always five places, as the Order's result sheets print them. */
export function formatValue(v: Value): string {
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const units = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(5, '0');
  return `${negative ? '-' : ''}${units}.${fraction}`;
}
