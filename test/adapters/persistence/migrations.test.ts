import { DuplicateVotersError, MIGRATIONS, openTypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { DATABASE_KINDS, createThrowawayDatabase, type DatabaseKind, type ThrowawayDatabase } from '../../support/databases.js';
import { ELEKTO_V1_DDL, ELEKTO_V2_DDL, placeholders, quote } from './elekto-shaped-database.js';
import { sqlRows } from '../../support/sql.js';

const drops: ThrowawayDatabase[] = [];
afterAll(async () => {
  for (const d of drops) await d.drop();
});

async function fresh(kind: DatabaseKind): Promise<ThrowawayDatabase> {
  const d = await createThrowawayDatabase(kind);
  drops.push(d);
  return d;
}

const insert = (kind: DatabaseKind, sql: string) => placeholders(kind, quote(kind, sql));

/** Column names in table order, as the database reports them. */
async function columns(kind: DatabaseKind, p: Awaited<ReturnType<typeof openTypeOrmPersistence>>, table: string): Promise<string[]> {
  const query = {
    sqlite: `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`,
    postgres: `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' AND table_schema = 'public' ORDER BY ordinal_position`,
    mariadb: `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' AND table_schema = DATABASE() ORDER BY ordinal_position`,
  }[kind];
  const rows = await p.db.run(({ manager }) => sqlRows<{ name?: string; NAME?: string }>(manager, query));
  return rows.map((r) => r.name ?? r.NAME ?? '');
}

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  it('create Elekto v2 on an empty database, our additions appended after its columns', async () => {
    const d = await fresh(kind);
    const p = await openTypeOrmPersistence(d.config, { migrate: true });
    try {
      expect(await columns(kind, p, 'user')).toEqual([
        'id',
        'username',
        'name',
        'token',
        'token_expires_at',
        'created_at',
        'updated_at',
        'github_id',
        'login_normalised',
      ]);
      expect(await columns(kind, p, 'election')).toEqual(['id', 'key', 'name', 'created_at', 'updated_at', 'archived']);
      expect(await columns(kind, p, 'voter')).toEqual(['id', 'user_id', 'election_id', 'created_at', 'updated_at', 'salt', 'ballot_id', 'link_scheme']);
      expect(await columns(kind, p, 'ballot')).toEqual(['id', 'election_id', 'rank', 'candidate', 'voter']);
      expect(await columns(kind, p, 'request')).toEqual([
        'id',
        'user_id',
        'election_id',
        'name',
        'email',
        'chat',
        'description',
        'comments',
        'reviewed',
        'created_at',
        'updated_at',
        'decision',
        'decision_note',
        'decided_by',
        'decided_at',
      ]);
      expect(await columns(kind, p, 'pending_ballot')).toEqual(['id', 'election_id', 'payload']);
      expect(await columns(kind, p, 'elekto_catalog_snapshot')).toEqual([
        'id',
        'format',
        'revision',
        'synced_at',
        'saved_at',
        'elections',
        'digest',
        'payload',
      ]);
      expect(await p.dataSource.showMigrations()).toBe(false);
      // Undo every migration after Elekto's schema and apply them again: the down migrations are real.
      for (let i = 1; i < MIGRATIONS.length; i++) await p.dataSource.undoLastMigration();
      expect(await columns(kind, p, 'pending_ballot')).toEqual([]);
      expect(await columns(kind, p, 'user')).toEqual(['id', 'username', 'name', 'token', 'token_expires_at', 'created_at', 'updated_at']);
      expect(await columns(kind, p, 'elekto_catalog_snapshot')).toEqual([]);
      expect(await columns(kind, p, 'voter')).toEqual(['id', 'user_id', 'election_id', 'created_at', 'updated_at', 'salt', 'ballot_id']);
      await p.dataSource.runMigrations();
      expect(await p.dataSource.showMigrations()).toBe(false);
    } finally {
      await p.close();
    }
  });

  it('upgrade an Elekto v1 database to v2 (Elekto itself could only on PostgreSQL)', async () => {
    const d = await fresh(kind);
    const rows: Array<[string, unknown[]]> = [
      ['INSERT INTO {user} (id, username) VALUES (?, ?)', [1, 'old-timer']],
      ['INSERT INTO election (id, {key}, name) VALUES (?, ?, ?)', [1, '2019---TOC', 'TOC 2019']],
      ['INSERT INTO voter (id, user_id, election_id) VALUES (?, ?, ?)', [1, 1, 1]],
      ['INSERT INTO ballot (id, election_id, {rank}, candidate, voter, created_at) VALUES (?, ?, ?, ?, ?, ?)', [7, 1, 1, 'ann', 'v-1', '2019-01-01 00:00:00']],
      ['INSERT INTO ballot (id, election_id, {rank}, candidate, voter, created_at) VALUES (?, ?, ?, ?, ?, ?)', [12, 1, 2, 'ben', 'v-1', '2019-01-01 00:00:00']],
    ];
    await d.raw([...ELEKTO_V1_DDL[kind], ...rows.map(([s]) => insert(kind, s))], [...ELEKTO_V1_DDL[kind].map(() => []), ...rows.map(([, p]) => p)]);
    const p = await openTypeOrmPersistence(d.config, { migrate: true });
    try {
      const ids = await p.db.run(({ manager }) => sqlRows<{ id: string }>(manager, 'SELECT id FROM ballot ORDER BY id'));
      expect(ids.map((r) => r.id)).toEqual(['00000000000000000000000000000007', '00000000000000000000000000000012']);
      expect(await columns(kind, p, 'ballot')).toEqual(['id', 'election_id', 'rank', 'candidate', 'voter']);
      const version = await p.db.run(({ manager }) => sqlRows<{ version: number }>(manager, 'SELECT version FROM schema_version'));
      expect(version.map((v) => Number(v.version))).toEqual([2]);
      expect(await p.ballotBox.countBallots('2019---TOC')).toBe(1);
      expect(await p.ballotBox.mark('2019---TOC', 1)).toMatchObject({ hasLink: false });
    } finally {
      await p.close();
    }
  });

  it("stop on Elekto's duplicate voter rows, name them, and change nothing", async () => {
    const d = await fresh(kind);
    const rows: Array<[string, unknown[]]> = [
      ['INSERT INTO schema_version (version) VALUES (?)', [2]],
      ['INSERT INTO {user} (id, username) VALUES (?, ?)', [5, 'racer']],
      ['INSERT INTO election (id, {key}) VALUES (?, ?)', [3, 'raced']],
      ['INSERT INTO voter (id, user_id, election_id) VALUES (?, ?, ?)', [10, 5, 3]],
      ['INSERT INTO voter (id, user_id, election_id) VALUES (?, ?, ?)', [11, 5, 3]],
    ];
    await d.raw([...ELEKTO_V2_DDL[kind], ...rows.map(([s]) => insert(kind, s))], [...ELEKTO_V2_DDL[kind].map(() => []), ...rows.map(([, p]) => p)]);
    const error = await openTypeOrmPersistence(d.config, { migrate: true }).then(
      async (p) => {
        await p.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DuplicateVotersError);
    expect((error as Error).message).toContain('user_id 5, election_id 3: voter rows 10, 11');
    const p = await openTypeOrmPersistence(d.config, { migrate: false });
    try {
      expect(await p.db.run(({ manager }) => sqlRows(manager, 'SELECT id FROM voter'))).toHaveLength(2);
      expect(await columns(kind, p, 'voter')).not.toContain('link_scheme');
      expect(await p.dataSource.showMigrations()).toBe(true);
    } finally {
      await p.close();
    }
  });
});
