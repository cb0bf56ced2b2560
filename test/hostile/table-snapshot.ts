import type { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from '../../src/adapters/persistence/typeorm/index.js';

/**
 * Wrong passphrases are counted on purpose (the attempt limit), so that table may change while
 * everything a refused request could corrupt (ballots, voter marks, requests, users, elections,
 * any pending pool) must not.
 */
const ALLOWED_TO_CHANGE = new Set(['passphrase_attempt', 'sqlite_sequence', MIGRATIONS_TABLE]);

/** Every row of every SQLite table, in physical order, to compare before and after. */
export async function snapshotTables(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables = await dataSource.query<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (ALLOWED_TO_CHANGE.has(name)) continue;
    out[name] = await dataSource.query<unknown[]>(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY rowid`);
  }
  return out;
}
