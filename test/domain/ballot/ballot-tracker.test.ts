import fc from 'fast-check';
import { TRACKER_BYTES, normaliseTracker, trackerFromBytes } from '../../../src/domain/ballot/ballot-tracker.js';

describe('ballot trackers', () => {
  it('writes 80 bits as four groups of four Crockford base32 digits', () => {
    expect(trackerFromBytes(new Uint8Array(TRACKER_BYTES))).toBe('0000-0000-0000-0000');
    expect(trackerFromBytes(new Uint8Array(TRACKER_BYTES).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 0x42 … : 00001 00001 00001 00001 … = "1111…"
    expect(trackerFromBytes(Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]))).toBe('1111-1111-1111-1111');
  });

  it('gives distinct bytes distinct trackers, and reads back whatever a voter types for one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (a, b) => {
        const ta = trackerFromBytes(a);
        expect(ta).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(ta === trackerFromBytes(b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(normaliseTracker(ta)).toBe(ta);
        expect(normaliseTracker(` ${ta.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `)).toBe(ta);
      }),
    );
  });

  it('refuses what cannot be a tracker', () => {
    expect(normaliseTracker('')).toBeNull();
    expect(normaliseTracker('0000-0000-0000')).toBeNull();
    expect(normaliseTracker('0000-0000-0000-000U')).toBeNull();
    expect(() => trackerFromBytes(new Uint8Array(9))).toThrow(RangeError);
  });
});
