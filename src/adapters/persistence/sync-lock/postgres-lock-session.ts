import { createHash } from 'node:crypto';
import pg from 'pg';
import { classifyDatabaseError } from '../typeorm/database-errors.js';
import type { LockSession } from './lock-session.js';
import type { ServerDatabase } from './server-database.js';

/**
 * The two-integer advisory lock key: "ELEK" and "META" in ASCII. Advisory locks are scoped to the
 * database, so replicas of another Elekto database on the same server never contend with ours.
 */
export const POSTGRES_SYNC_LOCK_KEY: readonly [number, number] = [0x454c454b, 0x4d455441];

/** A session-level `pg_advisory_lock` on its own connection (named in pg_stat_activity). */
/**
 * One organization's lock (ORGANIZATIONS_FILE): "ELEK" and 31 bits of its key's hash, so one slow
 * repository does not hold the others back. Without an organization (or for the default one) the
 * original key, which a replica of an older version also takes.
 */
export function postgresSyncLockKey(organization: string | null): readonly [number, number] {
  if (organization === null) return POSTGRES_SYNC_LOCK_KEY;
  const hash = createHash('sha256').update(`organization:${organization}`).digest().readInt32BE(0);
  // A hash equal to the original key would make that organization wait for the default one: harmless, but avoidable.
  return [POSTGRES_SYNC_LOCK_KEY[0], hash === POSTGRES_SYNC_LOCK_KEY[1] ? hash ^ 1 : hash];
}

export async function openPostgresLockSession(db: ServerDatabase, organization: string | null = null): Promise<LockSession> {
  const client = new pg.Client({
    ...(db.url ? { connectionString: db.url } : { host: db.host, port: db.port, database: db.database, user: db.username, password: db.password }),
    application_name: 'elekto meta sync lock',
  });
  // A dropped connection surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    // A role's statement or idle timeout must not cut the wait short or drop the lock mid-sync;
    // lock_timeout bounds the wait instead. idle_session_timeout exists from PostgreSQL 14 on.
    await client.query("SELECT set_config('statement_timeout', '0', false)");
    await client.query("SELECT set_config('idle_session_timeout', '0', false)").catch(() => undefined);
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  const key = [...postgresSyncLockKey(organization)];
  return {
    async tryAcquire() {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key);
      return r.rows[0]?.ok === true;
    },
    async acquire(waitMs) {
      // lock_timeout bounds the wait; the setting dies with this connection, which no one else uses.
      await client.query("SELECT set_config('lock_timeout', $1, false)", [`${Math.max(1, Math.round(waitMs))}ms`]);
      try {
        await client.query('SELECT pg_advisory_lock($1, $2)', key);
        return true;
      } catch (e) {
        if (classifyDatabaseError(e) === 'lock timeout') return false;
        throw e;
      }
    },
    async release() {
      await client.query('SELECT pg_advisory_unlock($1, $2)', key);
    },
    async end() {
      await client.end().catch(() => undefined);
    },
  };
}
