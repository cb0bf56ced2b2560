import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ORGANIZATIONS_FILE (docs/adr/0011-organizations.md): the synced revision and the
 * last good catalog of every organization other than the default one, one row per organization.
 * The default organization keeps the original rows (`id = 1`) of elekto_meta_sync and
 * elekto_catalog_snapshot, so a single-organization database is taken over as it is. New tables of
 * ours only: Elekto ignores them, and no Elekto table changes (an organization's elections are rows
 * of `election` keyed `<org>/<key>`).
 */
export class Organizations_1766000000000 implements MigrationInterface {
  readonly name = 'Organizations_1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    const blob = type === 'postgres' ? 'BYTEA' : type === 'better-sqlite3' ? 'BLOB' : 'LONGBLOB';
    const ts = type === 'postgres' ? 'TIMESTAMP WITHOUT TIME ZONE' : 'DATETIME';
    await runner.query(
      `CREATE TABLE elekto_org_meta_sync (organization VARCHAR(63) NOT NULL, revision VARCHAR(64), synced_at ${ts}, PRIMARY KEY (organization))`,
    );
    await runner.query(
      `CREATE TABLE elekto_org_catalog_snapshot (organization VARCHAR(63) NOT NULL, format INTEGER NOT NULL, revision VARCHAR(64), synced_at ${ts} NOT NULL, ` +
        `saved_at ${ts} NOT NULL, elections INTEGER NOT NULL, digest CHAR(64) NOT NULL, payload ${blob} NOT NULL, PRIMARY KEY (organization))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE elekto_org_catalog_snapshot');
    await runner.query('DROP TABLE elekto_org_meta_sync');
  }
}
