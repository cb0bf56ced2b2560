import type { Dialect } from './entities.js';

/**
 * A select expression for the database server's current time in milliseconds since 1970 (UTC),
 * read when the statement runs (not when its transaction began), so a value read after a lock is
 * later than every value read by the holders before. One clock for every replica of the application.
 * Each dialect names that clock differently and TypeORM has no word for it: the expression is ours,
 * the query around it TypeORM's.
 */
export function databaseNowExpression(dialect: Dialect): string {
  return NOW[dialect];
}

const NOW: Record<Dialect, string> = {
  // now() is the transaction's start; clock_timestamp() is the moment of the call.
  postgres: 'FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint',
  // Arithmetic on UTC_TIMESTAMP, not UNIX_TIMESTAMP(NOW()): no session time zone in between.
  mysql: "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000",
  sqlite: "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)",
};
