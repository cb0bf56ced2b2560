import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last good meta catalog (docs/load-and-faults.md, "A restart against a broken meta source"):
 * one row, replaced by every complete sync and read at start-up, so a server that starts while the
 * meta source is missing or broken serves what it served before. A new table of ours only: Elekto
 * ignores it, and no Elekto table changes. It holds what the meta repository already publishes
 * (elections, candidates, voter rolls), never a ballot.
 */
export class MetaCatalogSnapshot_1765000000000 implements MigrationInterface {
  readonly name = 'MetaCatalogSnapshot_1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    const blob = type === 'postgres' ? 'BYTEA' : type === 'better-sqlite3' ? 'BLOB' : 'LONGBLOB';
    const ts = type === 'postgres' ? 'TIMESTAMP WITHOUT TIME ZONE' : 'DATETIME';
    await runner.query(
      `CREATE TABLE elekto_catalog_snapshot (id INTEGER NOT NULL, format INTEGER NOT NULL, revision VARCHAR(64), synced_at ${ts} NOT NULL, ` +
        `saved_at ${ts} NOT NULL, elections INTEGER NOT NULL, digest CHAR(64) NOT NULL, payload ${blob} NOT NULL, PRIMARY KEY (id))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE elekto_catalog_snapshot');
  }
}
