import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlFor } from './ddl/index.js';

/**
 * Brings any database to Elekto's schema v2, exactly as Elekto's `migrate` would (spec §4.2):
 * empty → create every table; v1 (no schema_version) → Elekto's v1→v2 upgrade, here on every
 * dialect; v2 → nothing, apart from creating tables an old install lacks (create_all's job).
 */
export class ElektoSchemaV2_1600000000000 implements MigrationInterface {
  readonly name = 'ElektoSchemaV2_1600000000000';

  async up(runner: QueryRunner): Promise<void> {
    const ddl = ddlFor(runner);
    const existing = await runner.hasTable('election');
    let version = 2;
    if (existing) {
      if (await runner.hasTable('schema_version')) {
        const rows = (await runner.query('SELECT version FROM schema_version')) as Array<{ version: number | null }>;
        const found = rows[0]?.version ?? null;
        if (found === null) await runner.query('INSERT INTO schema_version (version) VALUES (2)');
        version = found === null ? 2 : Number(found);
      } else {
        version = 1;
      }
    }
    for (const { table, create } of ddl.v2Tables) {
      if (await runner.hasTable(table)) continue;
      for (const sql of create) await runner.query(sql);
      if (table === 'schema_version') await runner.query('INSERT INTO schema_version (version) VALUES (2)');
    }
    if (version < 2) {
      for (const sql of ddl.upgradeV1) await runner.query(sql);
    }
  }

  async down(): Promise<void> {
    throw new Error('Refusing to undo Elekto schema v2: that would drop elections, ballots and requests.');
  }
}
