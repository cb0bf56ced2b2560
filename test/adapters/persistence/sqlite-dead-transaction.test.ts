/**
 * Issue 10: better-sqlite3 gives the application one connection. A transaction left open on it (as
 * TypeORM left one after a failed COMMIT) must not swallow the next unit of work: the door rolls it
 * back first, or closes and reopens the connection when ROLLBACK does not end it, and the work then
 * really commits (a second connection sees it).
 */
import { createRequire } from 'node:module';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { sqlExec, sqlRows } from '../../support/sql.js';

type Sqlite = { prepare(sql: string): { all(): unknown[] }; close(): void };
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Sqlite;

describe('SQLite: a transaction left open on the shared connection', () => {
  let db: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  const inTransaction = () => (p.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection.inTransaction;
  const committedIds = () => {
    const other = new Sqlite(db.config.dialect === 'sqlite' ? db.config.path : '');
    try {
      return other.prepare('SELECT id FROM scratch ORDER BY id').all();
    } finally {
      other.close();
    }
  };

  beforeEach(async () => {
    db = await createThrowawayDatabase('sqlite');
    p = await openTypeOrmPersistence(db.config, { migrate: true });
    await p.dataSource.query('CREATE TABLE scratch (id INTEGER PRIMARY KEY)');
  });

  afterEach(async () => {
    await p.close();
    await db.drop();
  });

  it('is rolled back before the next unit of work, which commits', async () => {
    await p.dataSource.query('BEGIN');
    await p.dataSource.query('INSERT INTO scratch (id) VALUES (99)');
    expect(inTransaction()).toBe(true);
    await p.db.transaction(({ manager }) => sqlExec(manager, 'INSERT INTO scratch (id) VALUES (1)'));
    expect(inTransaction()).toBe(false);
    expect(committedIds()).toEqual([{ id: 1 }]);
    // A plain read or write outside a transaction is protected the same way.
    await p.dataSource.query('BEGIN');
    await p.db.run(({ manager }) => sqlExec(manager, 'INSERT INTO scratch (id) VALUES (2)'));
    expect(committedIds()).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('closes and reopens the connection when ROLLBACK does not end it', async () => {
    await p.dataSource.query('BEGIN');
    await p.dataSource.query('INSERT INTO scratch (id) VALUES (99)');
    const shared = p.dataSource.createQueryRunner();
    const query = shared.query.bind(shared);
    shared.query = (async (sql: string, ...rest: never[]) => {
      if (sql === 'ROLLBACK') throw new Error('rollback refused (injected)');
      return query(sql, ...rest);
    }) as typeof shared.query;
    await p.db.transaction(({ manager }) => sqlExec(manager, 'INSERT INTO scratch (id) VALUES (1)'));
    expect(inTransaction()).toBe(false);
    expect(committedIds()).toEqual([{ id: 1 }]);
    expect(await p.db.run(({ manager }) => sqlRows(manager, 'SELECT id FROM scratch'))).toEqual([{ id: 1 }]);
  });
});
