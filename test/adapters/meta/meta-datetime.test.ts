import { parseMetaDatetime } from '../../../src/adapters/meta/meta-datetime.js';

const iso = (raw: string, role: 'start' | 'end' = 'start') => {
  const r = parseMetaDatetime(raw, role);
  return r.ok ? r.date.toISOString() : `invalid: ${r.reason}`;
};

describe('meta datetimes', () => {
  it('reads the Elekto form as UTC', () => {
    expect(iso('2023-08-01 00:00:01')).toBe('2023-08-01T00:00:01.000Z');
  });
  it('accepts one-digit month, day and hour, a T separator and fractions', () => {
    expect(iso('2021-01-8 00:00:01')).toBe('2021-01-08T00:00:01.000Z');
    expect(iso('2023-8-1 9:05:00')).toBe('2023-08-01T09:05:00.000Z');
    expect(iso('2023-08-01t10:00:00.5')).toBe('2023-08-01T10:00:00.500Z');
    expect(iso('2023-08-01T10:00:00.123456')).toBe('2023-08-01T10:00:00.123Z');
  });
  it('accepts a time without seconds', () => {
    expect(iso('2023-08-01 10:00')).toBe('2023-08-01T10:00:00.000Z');
  });
  it('honours Z, UTC and explicit offsets', () => {
    expect(iso('2023-08-01 10:00:00Z')).toBe('2023-08-01T10:00:00.000Z');
    expect(iso('2023-08-01 10:00:00 UTC')).toBe('2023-08-01T10:00:00.000Z');
    expect(iso('2023-08-01T10:00:00+02:00')).toBe('2023-08-01T08:00:00.000Z');
    expect(iso('2023-08-01 10:00:00 -0530')).toBe('2023-08-01T15:30:00.000Z');
    expect(iso('2023-08-01 10:00:00+02')).toBe('2023-08-01T08:00:00.000Z');
  });
  it('reads AoE as UTC-12, so a deadline has passed everywhere on Earth', () => {
    expect(iso('2024-08-31 23:59:59 AoE')).toBe('2024-09-01T11:59:59.000Z');
    expect(iso('2024-08-31 AoE', 'end')).toBe('2024-09-01T11:59:59.000Z');
  });
  it('reads a bare date as the start of the day for a start and the end of the day for an end', () => {
    expect(iso('2024-08-31', 'start')).toBe('2024-08-31T00:00:00.000Z');
    expect(iso('2024-08-31', 'end')).toBe('2024-08-31T23:59:59.000Z');
  });
  it('ignores surrounding blanks (quoted values parse the same)', () => {
    expect(iso(' 2023-08-01 00:00:01 ')).toBe('2023-08-01T00:00:01.000Z');
  });
  it.each([
    ['2023-13-01 00:00:00', 'month 13'],
    ['2023-02-29 00:00:00', 'day 29'],
    ['2023-01-01 24:00:00', 'time of day'],
    ['2023-01-01 10:60:00', 'time of day'],
    ['2023-01-01 10:00:00+15:00', 'offset'],
    ['next tuesday', 'not a date'],
    ['2023/01/01 10:00:00', 'not a date'],
    ['', 'not a date'],
  ])('rejects %j', (raw, reason) => {
    expect(iso(raw)).toContain(reason);
  });
  it('accepts 29 February in a leap year', () => {
    expect(iso('2024-02-29 12:00:00')).toBe('2024-02-29T12:00:00.000Z');
  });
});
