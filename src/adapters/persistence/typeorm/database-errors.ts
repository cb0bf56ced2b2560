import { DomainError } from '../../../domain/errors.js';
import type { WriteFailureKind } from './write-health.js';

/**
 * What a database error means to us, from the driver's code, whichever of the three drivers raised
 * it (TypeORM keeps the driver's own error in `driverError`). The one place that knows the codes.
 */
export type DatabaseErrorKind = Exclude<WriteFailureKind, 'refused at commit'> | 'unique violation' | 'missing table';

export function classifyDatabaseError(e: unknown): DatabaseErrorKind | null {
  const { code, errno } = driverCode(e);
  // node-postgres reports a connection cut mid-query (server restart) by message only, without a code;
  // TypeORM then releases the query runner itself, so the next query of that unit of work says so.
  const message = messageOf(e);
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|PROTOCOL_CONNECTION_LOST|ER_CONNECTION_KILLED|57P01|57P02|57P03|08\w\w1?)$/.test(code) ||
    errno === 1927 ||
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Can't add new command when connection is in closed state)/.test(
      message,
    ) ||
    (e as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError'
  ) {
    return 'connection lost';
  }
  if (code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'unique violation';
  }
  if (/^SQLITE_FULL/.test(code) || code === '53100' || errno === 1021 || errno === 1114) return 'disk full';
  if (/^SQLITE_(IOERR|READONLY|CANTOPEN)/.test(code) || /^(53|58)[0-9A-Z]{3}$/.test(code)) return 'I/O error';
  // A deadlock or lock-wait victim: the transaction was rolled back whole and may simply run again.
  if (['40P01', '40001', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'].includes(code) || errno === 1213 || errno === 1205) return 'lock conflict';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '57014') return 'lock timeout';
  // SQLite says it in words only (SQLITE_ERROR covers every kind of bad statement).
  if (code === '42P01' || code === 'ER_NO_SUCH_TABLE' || errno === 1146 || (/^SQLITE_ERROR/.test(code) && /no such table/.test(message))) {
    return 'missing table';
  }
  return null;
}

/** The driver's code and number, for the log: never the error itself (it carries the parameters). */
export function driverCode(e: unknown): { code: string; errno: number | null } {
  const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  const code = plain(err?.driverError?.code ?? err?.code);
  const errno = Number(err?.driverError?.errno ?? err?.errno);
  return { code, errno: Number.isFinite(errno) ? errno : null };
}

export function messageOf(e: unknown): string {
  return plain((e as { message?: unknown })?.message);
}

/** A driver's code or message as text; anything that is not a string or a number is no text. */
function plain(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

export function isUniqueViolation(e: unknown): boolean {
  return classifyDatabaseError(e) === 'unique violation';
}

/** A deadlock or lock-wait victim: the transaction was rolled back whole and may simply run again. */
export function isTransientConflict(e: unknown): boolean {
  // The door reports a deadlock victim as WRITE_FAILED; its kind is kept in the details.
  if (e instanceof DomainError) return e.details['kind'] === 'lock conflict';
  return classifyDatabaseError(e) === 'lock conflict';
}
