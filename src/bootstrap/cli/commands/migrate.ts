import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuplicateVotersError, MIGRATIONS, openMigrated } from '../../../adapters/persistence/typeorm/index.js';
import { databaseConfig, describeDatabase } from '../../config/database-config.js';
import { readEnv } from '../../config/read-env.js';

/**
 * `elekto migrate`: creates Elekto's schema v2 on an empty database, upgrades an Elekto v1 database
 * (on PostgreSQL, MySQL/MariaDB and SQLite), then applies our additions. Safe to run again.
 * Exit 0 up to date; 1 a migration stopped (nothing of it was kept where the database allows);
 * 2 bad usage; 78 bad configuration.
 */
export async function run(opts: { check?: boolean }): Promise<number> {
  const check = opts.check === true;

  const read = readEnv();
  const problems: string[] = [...read.problems];
  const db = databaseConfig(read.env, process.cwd(), problems);
  if (problems.length > 0 || db.dialect === 'memory') {
    if (db.dialect === 'memory' && problems.length === 0) problems.push('DB_CONNECTION=memory keeps nothing: there is no schema to migrate');
    process.stderr.write(`elekto migrate: configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 78;
  }
  if (db.dialect === 'sqlite') mkdirSync(dirname(db.path), { recursive: true });
  process.stdout.write(`Database: ${describeDatabase(db)}\n`);
  try {
    const { dataSource, applied } = await openMigrated(db, { skipMigrations: check });
    try {
      if (check) {
        const pending = await dataSource.showMigrations();
        process.stdout.write(pending ? 'Migrations are pending: run `elekto migrate`.\n' : `Up to date (${MIGRATIONS.length} migrations).\n`);
        return pending ? 1 : 0;
      }
      for (const name of applied) process.stdout.write(`  applied ${name}\n`);
      process.stdout.write(applied.length === 0 ? 'Already up to date.\n' : `Done: ${applied.length} migration(s) applied.\n`);
      return 0;
    } finally {
      await dataSource.destroy();
    }
  } catch (e) {
    const message = e instanceof DuplicateVotersError ? e.message : `${(e as Error).message ?? e}`;
    process.stderr.write(`elekto migrate: ${message}\n`);
    return 1;
  }
}
