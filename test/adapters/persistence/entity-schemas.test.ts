import type { DataSource, EntityMetadata, Table, TableColumn } from 'typeorm';
import { openTypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { MIGRATIONS_TABLE } from '../../../src/adapters/persistence/typeorm/migrations/index.js';
import { DATABASE_KINDS, createThrowawayDatabase, type DatabaseKind } from '../../support/databases.js';

/**
 * The EntitySchemas (entities.ts) against the schema the migrations build, as TypeORM reads it back
 * from each database: every table, its columns (type normalised by the driver, length, nullability,
 * primary key, generated), its indexes and unique constraints (by columns: the DDL lets each database
 * name them), and its foreign keys. The DDL is the source of truth; the mapping must say the same.
 */
describe.each(DATABASE_KINDS)('EntitySchemas on %s', (kind) => {
  it('match the migrated schema: tables, columns, types, nullability, keys, indexes', async () => {
    const database = await createThrowawayDatabase(kind);
    try {
      const p = await openTypeOrmPersistence(database.config, { migrate: true });
      try {
        const runner = p.dataSource.createQueryRunner();
        const names = (await runner.query(TABLES[kind])) as Array<{ name: string }>;
        const tables = await runner.getTables(names.map((r) => r.name).filter((n) => n !== MIGRATIONS_TABLE));
        await runner.release();
        const fromMapping = Object.fromEntries(p.dataSource.entityMetadatas.map((m) => [m.tableName, mapped(p.dataSource, m, kind)]));
        const fromDatabase = Object.fromEntries(tables.map((t) => [bare(t.name), migrated(t, kind)]));
        expect(fromMapping).toEqual(fromDatabase);
      } finally {
        await p.close();
      }
    } finally {
      await database.drop();
    }
  });
});

const TABLES = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  mariadb: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
};
const bare = (name: string) => name.replace(/^.*\./, '');
const cols = (names: readonly string[]) => [...names].sort().join(',');

function mapped(dataSource: DataSource, m: EntityMetadata, kind: DatabaseKind) {
  const driver = dataSource.driver;
  return {
    columns: m.columns
      .map((c) => ({
        name: c.databaseName,
        type: driver.normalizeType(c),
        length: c.length ? String(c.length) : driver.getColumnLength(c) || '',
        nullable: c.isNullable,
        primary: c.isPrimary,
        generated:
          kind === 'sqlite'
            ? c.isGenerated || (c.isPrimary && m.primaryColumns.length === 1 && driver.normalizeType(c) === 'integer')
              ? 'rowid'
              : false
            : c.isGenerated,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: [
      ...m.indices.map((i) => `${i.isUnique ? 'unique' : 'index'}(${cols(i.columns.map((c) => c.databaseName))})`),
      ...m.uniques.map((u) => `unique(${cols(u.columns.map((c) => c.databaseName))})`),
    ].sort(),
    foreignKeys: m.foreignKeys
      .map(
        (f) =>
          `(${cols(f.columns.map((c) => c.databaseName))}) → ${f.referencedTablePath}(${cols(f.referencedColumns.map((c) => c.databaseName))}) on delete ${f.onDelete}`,
      )
      .sort(),
  };
}

/** TypeORM reads SQLite's CHAR(32) back as the type "char(32)"; it maps CHAR as "character" with a length. */
function typeAndLength(type: string, length: string | undefined): { type: string; length: string } {
  const sized = /^char\((\d+)\)$/.exec(type);
  return sized ? { type: 'character', length: sized[1]! } : { type, length: length ?? '' };
}

/**
 * SQLite numbers a lone INTEGER PRIMARY KEY itself (it is the rowid) whether or not the mapping
 * calls it generated, and TypeORM reads a column as generated only when it carries AUTOINCREMENT,
 * which Elekto's tables never had: there, "generated" may only be said of such a column.
 */
function generated(c: TableColumn, t: Table, kind: DatabaseKind): boolean | 'rowid' {
  if (kind !== 'sqlite') return c.isGenerated;
  return c.type === 'integer' && c.isPrimary && t.primaryColumns.length === 1 ? 'rowid' : false;
}

function migrated(t: Table, kind: DatabaseKind) {
  return {
    columns: t.columns
      .map((c) => ({ name: c.name, ...typeAndLength(c.type, c.length), nullable: c.isNullable, primary: c.isPrimary, generated: generated(c, t, kind) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: [
      ...t.indices.map((i) => `${i.isUnique ? 'unique' : 'index'}(${cols(i.columnNames)})`),
      ...t.uniques.map((u) => `unique(${cols(u.columnNames)})`),
    ].sort(),
    foreignKeys: t.foreignKeys
      .map((f) => `(${cols(f.columnNames)}) → ${bare(f.referencedTableName)}(${cols(f.referencedColumnNames)}) on delete ${f.onDelete}`)
      .sort(),
  };
}
