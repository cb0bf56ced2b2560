/**
 * Datetimes in election.yaml. Elekto (PyYAML) accepted `YYYY-MM-DD HH:MM:SS` and treated it as the
 * server's local time (UTC in every deployment), and crashed on anything else. We accept:
 *
 *   2024-08-31 23:59:59        no zone: UTC (as every existing meta repo means it)
 *   2024-8-1 9:00:00           one-digit month, day or hour
 *   2024-08-31T23:59:59.5      `T` (or `t`) separator, fractional seconds (kept to the millisecond)
 *   2024-08-31 23:59           seconds omitted: :00
 *   2024-08-31 23:59:59Z       explicit UTC (`Z`, `UTC`)
 *   2024-08-31 23:59:59+02:00  explicit offset (`+02`, `+0200`, `+02:00`)
 *   2024-08-31 23:59:59 AoE    Anywhere on Earth = UTC−12: the deadline has passed everywhere
 *   2024-08-31                 a bare date: the START of that day for `start_datetime`, the END of
 *                              that day (23:59:59) for `end_datetime` and `exception_due`
 *
 * Quoted and unquoted values parse the same.
 */
export type DatetimeRole = 'start' | 'end';

export type ParsedDatetime = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly reason: string };

export const DATETIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)? *(Z|z|UTC|AoE|[+-]\d{2}(?::?\d{2})?)?$/;

const AOE_OFFSET_MINUTES = -12 * 60;

export function parseMetaDatetime(raw: string, role: DatetimeRole): ParsedDatetime {
  const m = DATETIME_PATTERN.exec(raw.trim());
  if (!m) return { ok: false, reason: 'is not a date and time' };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { ok: false, reason: `has month ${month}` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { ok: false, reason: `has day ${day}, but that month has ${daysInMonth} days` };
  const dateOnly = h === undefined;
  const hour = dateOnly ? (role === 'end' ? 23 : 0) : Number(h);
  const minute = dateOnly ? (role === 'end' ? 59 : 0) : Number(mi);
  const second = dateOnly ? (role === 'end' ? 59 : 0) : Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'has a time of day out of range' };
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const offset = offsetMinutes(zone);
  if (offset === null) return { ok: false, reason: `has an out-of-range offset ${zone ?? ''}` };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return { ok: true, date: new Date(utc) };
}

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  if (zone === 'AoE') return AOE_OFFSET_MINUTES;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

export const DATETIME_HINT = 'write it as 2024-08-31 23:59:59 (read as UTC), or add Z, an offset like +02:00, or AoE (Anywhere on Earth)';
