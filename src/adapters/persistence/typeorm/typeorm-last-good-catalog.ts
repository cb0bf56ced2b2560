import { createHash } from 'node:crypto';
import type { LastGoodCatalog, SavedCatalog } from '../../../application/ports/last-good-catalog.js';
import { decodeSavedCatalog, encodeSavedCatalog, SAVED_CATALOG_FORMAT } from '../../shared/saved-catalog-codec.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBytes, toSqlDate } from './sql-values.js';

/**
 * The last good catalog in `elekto_catalog_snapshot`: one row, replaced in one transaction. A sync
 * that read the same catalog again (a directory source is re-read at every poll) finds the same
 * digest in the row and writes nothing.
 */
export class TypeOrmLastGoodCatalog implements LastGoodCatalog {
  constructor(private readonly db: SqlDatabase) {}

  save(catalog: SavedCatalog): Promise<void> {
    return this.saveRow(catalog).catch(explainMissingTable);
  }

  private async saveRow(catalog: SavedCatalog): Promise<void> {
    const payload = await encodeSavedCatalog(catalog);
    const digest = createHash('sha256').update(payload).digest('hex');
    const values = [SAVED_CATALOG_FORMAT, catalog.revision, toSqlDate(catalog.syncedAt), toSqlDate(new Date()), catalog.elections.size, digest, payload];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (sql) => {
          const rows = await sql.rows<{ digest: string }>('SELECT digest FROM elekto_catalog_snapshot WHERE id = 1');
          if (rows[0]?.digest === digest) return;
          if (rows.length === 0) {
            await sql.exec(
              'INSERT INTO elekto_catalog_snapshot (id, format, revision, synced_at, saved_at, elections, digest, payload) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
              values,
            );
          } else {
            await sql.exec(
              'UPDATE elekto_catalog_snapshot SET format = ?, revision = ?, synced_at = ?, saved_at = ?, elections = ?, digest = ?, payload = ? WHERE id = 1',
              values,
            );
          }
        });
      } catch (e) {
        // Two replicas saving the first catalog at once: the loser replaces the winner's row.
        if (attempt < 2 && this.db.isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  async load(): Promise<SavedCatalog | null> {
    const rows = await this.db
      .run((sql) => sql.rows<{ payload: unknown }>('SELECT payload FROM elekto_catalog_snapshot WHERE id = 1'))
      .catch(explainMissingTable);
    const payload = fromSqlBytes(rows[0]?.payload);
    return payload === null ? null : decodeSavedCatalog(payload);
  }
}

/** A database not migrated since this table came is the likely cause; say what fixes it. */
function explainMissingTable(e: unknown): never {
  const message = e instanceof Error ? e.message : String(e);
  if (/elekto_catalog_snapshot/.test(message) && /no such table|doesn't exist|does not exist/i.test(message)) {
    throw new Error('the table elekto_catalog_snapshot is missing: the database schema is not up to date; run `elekto migrate`');
  }
  throw e;
}
