/**
 * Issue 10: a write that waits too long for a lock another connection holds is refused like a failed
 * commit (WRITE_FAILED, a 503 for people), the connection is left clean, the write health says so,
 * and the same write succeeds once the lock is gone. Before, the driver's error escaped as a 500.
 */
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { isDomainError } from '../../../src/domain/errors.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../../support/databases.js';
import { sqlExec, sqlRows } from '../../support/sql.js';

/** Another connection holding the row (or, on SQLite, the write lock) the door will want. */
interface Holder {
  release(): Promise<void>;
}

async function holdLock(db: ThrowawayDatabase): Promise<Holder> {
  const c = db.config;
  if (c.dialect === 'sqlite') {
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void };
    const other = new Sqlite(c.path);
    other.exec('BEGIN IMMEDIATE');
    return { release: async () => (other.exec('ROLLBACK'), other.close()) };
  }
  if (c.dialect === 'postgres') {
    const other = new pg.Client({ host: c.host, port: c.port, user: c.username, password: c.password, database: c.database });
    await other.connect();
    await other.query('BEGIN');
    await other.query('INSERT INTO scratch (id) VALUES (1)');
    return { release: async () => (await other.query('ROLLBACK'), await other.end()) };
  }
  const other = await mysql.createConnection({ host: c.host, port: c.port, user: c.username, password: c.password, database: c.database });
  await other.query('START TRANSACTION');
  await other.query('INSERT INTO scratch (id) VALUES (1)');
  return { release: async () => (await other.query('ROLLBACK'), await other.end()) };
}

describe.each(DATABASE_KINDS)('a lock wait that times out on %s', (kind) => {
  let db: ThrowawayDatabase;
  let p: TypeOrmPersistence;

  beforeAll(async () => {
    db = await createThrowawayDatabase(kind);
    // One pooled connection, so the session's short lock timeout applies to every unit of work.
    const config = db.config.dialect === 'sqlite' ? db.config : { ...db.config, poolSize: 1 };
    p = await openTypeOrmPersistence(config, { migrate: true });
    await p.dataSource.query('CREATE TABLE scratch (id INTEGER PRIMARY KEY)');
    const shortWait = { sqlite: 'PRAGMA busy_timeout = 300', postgres: "SET lock_timeout = '300ms'", mariadb: 'SET SESSION innodb_lock_wait_timeout = 1' }[
      kind
    ];
    await p.dataSource.query(shortWait);
  }, 60_000);

  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });

  it('is refused as WRITE_FAILED, leaves the connection clean, and the write succeeds once the lock is gone', async () => {
    const insert = () => p.db.transaction(({ manager }) => sqlExec(manager, 'INSERT INTO scratch (id) VALUES (1)'));
    const holder = await holdLock(db);
    let refused: unknown;
    try {
      refused = await insert().then(
        () => null,
        (e: unknown) => e,
      );
      expect(p.db.writeHealth()).toEqual({ ok: false, detail: expect.stringMatching(/writes failing since .*lock (timeout|conflict)/) });
    } finally {
      await holder.release();
    }
    expect(isDomainError(refused, 'WRITE_FAILED')).toBe(true);
    expect(await insert()).toBe(1);
    expect(p.db.writeHealth()).toEqual({ ok: true, detail: expect.stringMatching(/last write committed at/) });
    expect(await p.db.run(({ manager }) => sqlRows(manager, 'SELECT id FROM scratch'))).toEqual([{ id: 1 }]);
  }, 30_000);
});
