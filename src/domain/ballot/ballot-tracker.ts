/**
 * Ballot trackers (`ballot_trackers: true`): 80 random bits written as 16 Crockford base32 digits
 * in groups of four, e.g. "7K2M-Q9XD-4HJT-B0WE". 80 bits make a collision among even a million
 * ballots a one-in-a-trillion event and a guess at someone's tracker hopeless; base32 without
 * I, L, O and U reads aloud and copies by hand without confusion.
 */
export const TRACKER_BYTES = 10;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The tracker of 10 random bytes (from the Random port). */
export function trackerFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== TRACKER_BYTES) throw new RangeError(`A tracker takes ${TRACKER_BYTES} random bytes, not ${bytes.length}.`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.replace(/(.{4})(?=.)/g, '$1-');
}

/**
 * A tracker as a voter may type it, in its canonical spelling: case, spaces and dashes ignored,
 * O read as 0 and I, L as 1 (Crockford's rules). Null when it cannot be a tracker.
 */
export function normaliseTracker(text: string): string | null {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== 16 || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain.replace(/(.{4})(?=.)/g, '$1-');
}
