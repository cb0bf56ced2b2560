/** Values as they cross into and out of the three drivers. */

/**
 * A date as UTC wall-clock text ('YYYY-MM-DD HH:MM:SS.mmm'), for comparing with the naive DATETIME
 * columns in a WHERE (TypeORM converts the values it writes, not the parameters of a condition).
 */
export function toSqlDate(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * pg turns a naive timestamp into a Date in the process's local zone; mysql2 (dateStrings) and
 * better-sqlite3 give text. Either way the wall-clock fields are UTC.
 */
export function fromSqlDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    return new Date(Date.UTC(v.getFullYear(), v.getMonth(), v.getDate(), v.getHours(), v.getMinutes(), v.getSeconds(), v.getMilliseconds()));
  }
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const text = String(v).trim().replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function fromSqlBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

export function fromSqlBytes(v: unknown): Uint8Array | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (typeof v === 'string') return Uint8Array.from(Buffer.from(v.replace(/^\\x/, ''), 'hex'));
  throw new Error('Unexpected binary value from the database');
}

export function toSqlBytes(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Elekto's ballot.id: a random UUID as 32 lowercase hex digits. */
export function ballotRowId(uuid: string): string {
  return uuid.replace(/-/g, '').toLowerCase();
}
