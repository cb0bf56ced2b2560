import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { LockSession } from './lock-session.js';
import type { ServerDatabase } from './server-database.js';

/** MySQL and MariaDB cap lock names at 64 characters. */
const MAX_NAME = 64;

/**
 * Named locks (GET_LOCK) are global to the whole server, not to a database, so the name carries the
 * database name: two Elekto databases on one server must not wait for each other.
 */
export function mysqlSyncLockName(database: string, organization: string | null = null): string {
  // One lock per organization (ORGANIZATIONS_FILE); the default one keeps the original name.
  const scope = organization === null ? database : `${database}/${organization}`;
  const name = `elekto.meta-sync.${scope}`;
  return name.length <= MAX_NAME ? name : `elekto.meta-sync.${createHash('sha256').update(scope).digest('hex').slice(0, 40)}`;
}

/** A `GET_LOCK` named lock on its own connection. */
export async function openMysqlLockSession(db: ServerDatabase, organization: string | null = null): Promise<LockSession> {
  const conn = await mysql.createConnection(
    db.socketPath
      ? { socketPath: db.socketPath, database: db.database, user: db.username, password: db.password }
      : db.url
        ? { uri: db.url }
        : { host: db.host, port: db.port, database: db.database, user: db.username, password: db.password },
  );
  // A dropped connection surfaces on the next query; without a listener it would crash the process.
  conn.on('error', () => undefined);
  const getLock = async (seconds: number): Promise<boolean> => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS ok', [name, seconds]);
    const ok: unknown = rows[0]?.['ok'];
    // NULL means the server failed to take it (out of memory, the thread was killed): not a timeout.
    if (ok === null || ok === undefined) throw new Error('GET_LOCK failed on the database server.');
    return Number(ok) === 1;
  };
  let name: string;
  try {
    // A server-wide statement time limit must not cut the wait short: MySQL and MariaDB name it
    // differently, and each refuses the other's name.
    await conn.query('SET SESSION max_execution_time = 0').catch(() => undefined);
    await conn.query('SET SESSION max_statement_time = 0').catch(() => undefined);
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS db');
    name = mysqlSyncLockName(String(rows[0]?.db ?? db.database), organization);
  } catch (e) {
    conn.destroy();
    throw e;
  }
  return {
    tryAcquire: () => getLock(0),
    // GET_LOCK counts whole seconds; rounding up never gives up early.
    acquire: (waitMs) => getLock(Math.max(1, Math.ceil(waitMs / 1000))),
    async release() {
      await conn.query('SELECT RELEASE_LOCK(?)', [name]);
    },
    async end() {
      await conn.end().catch(() => conn.destroy());
    },
  };
}
