import { createHash } from 'node:crypto';
import type { LastGoodCatalog, SavedCatalog } from '../../../application/ports/last-good-catalog.js';
import { decodeSavedCatalog, encodeSavedCatalog, SAVED_CATALOG_FORMAT } from '../../shared/saved-catalog-codec.js';
import { classifyDatabaseError, isUniqueViolation, messageOf } from './database-errors.js';
import type { SqlDatabase } from './sql-database.js';
import { CATALOG_SNAPSHOT_SLOT, type RowSlot } from './row-slot.js';
import { fromSqlBytes } from './sql-values.js';

/**
 * The last good catalog in `elekto_catalog_snapshot`: one row, replaced in one transaction. A sync
 * that read the same catalog again (a directory source is re-read at every poll) finds the same
 * digest in the row and writes nothing.
 */
export class TypeOrmLastGoodCatalog implements LastGoodCatalog {
  constructor(
    private readonly db: SqlDatabase,
    /** Whose catalog: the single-organization row unless one organization's is given. */
    private readonly slot: RowSlot = CATALOG_SNAPSHOT_SLOT,
  ) {}

  save(catalog: SavedCatalog): Promise<void> {
    return this.saveRow(catalog).catch(explainMissingTable);
  }

  private async saveRow(catalog: SavedCatalog): Promise<void> {
    const payload = await encodeSavedCatalog(catalog);
    const digest = createHash('sha256').update(payload).digest('hex');
    const row = {
      format: SAVED_CATALOG_FORMAT,
      revision: catalog.revision,
      synced_at: catalog.syncedAt,
      saved_at: new Date(),
      elections: catalog.elections.size,
      digest,
      payload,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async ({ manager }) => {
          const snapshots = manager.getRepository(this.slot.table);
          const saved = await snapshots.findOne({ select: { digest: true }, where: { ...this.slot.where } });
          if (saved?.['digest'] === digest) return;
          if (saved) await snapshots.update({ ...this.slot.where }, row);
          else await snapshots.insert({ ...this.slot.where, ...row });
        });
      } catch (e) {
        // Two replicas saving the first catalog at once: the loser replaces the winner's row.
        if (attempt < 2 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  async load(): Promise<SavedCatalog | null> {
    const row = await this.db
      .run(({ manager }) =>
        manager.createQueryBuilder().select('s.payload', 'payload').from(this.slot.table, 's').where(this.slot.where).getRawOne<{ payload: unknown }>(),
      )
      .catch(explainMissingTable);
    const payload = fromSqlBytes(row?.payload);
    return payload === null ? null : decodeSavedCatalog(payload);
  }
}

/** A database not migrated since this table came is the likely cause; say what fixes it. */
function explainMissingTable(e: unknown): never {
  const table = /elekto_(org_)?catalog_snapshot/.exec(messageOf(e))?.[0];
  if (classifyDatabaseError(e) === 'missing table' && table) {
    throw new Error(`the table ${table} is missing: the database schema is not up to date; run \`elekto migrate\``);
  }
  throw e;
}
