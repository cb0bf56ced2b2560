import type { Dialect } from './entities.js';

/**
 * A SELECT giving the database server's current time as `now`, in milliseconds since 1970 (UTC),
 * read when the statement runs (not when its transaction began), so a value read after a lock is
 * later than every value read by the holders before. One clock for every replica of the application.
 */
export function databaseNowSql(dialect: Dialect): string {
  switch (dialect) {
    case 'postgres':
      // now() is the transaction's start; clock_timestamp() is the moment of the call.
      return 'SELECT FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now';
    case 'mysql':
      // Arithmetic on UTC_TIMESTAMP, not UNIX_TIMESTAMP(NOW()): no session time zone in between.
      return "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000 AS now";
    case 'sqlite':
      return "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) AS now";
  }
}
