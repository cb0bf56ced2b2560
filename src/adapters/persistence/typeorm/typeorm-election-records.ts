import type { ElectionRecord, ElectionRecords, ElectionSyncReport } from '../../../application/ports/election-records.js';
import { isUniqueViolation } from './database-errors.js';
import type { ElectionRow } from './entities.js';
import { type RowSlot, SYNC_STATE_SLOT } from './row-slot.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBool } from './sql-values.js';

/**
 * Elekto's `election` table, synced from the meta repository. Elekto deleted the row of an election
 * that left the meta, and its ballots with it (cascade); we set `archived` and keep everything.
 */
export interface ElectionRecordsScope {
  /** Which stored keys these records may touch (one organization's); default: every key. */
  readonly owns?: (key: string) => boolean;
  /**
   * The same, as a LIKE pattern the database filters with first (`org/%`, or NOT LIKE `%/%` for the
   * default organization), so one organization's sync does not read every organization's rows.
   */
  readonly keyPattern?: { readonly like: string; readonly negate: boolean };
  /** Where the synced revision is kept; default the single-organization row. */
  readonly syncState?: RowSlot;
}

export class TypeOrmElectionRecords implements ElectionRecords {
  private readonly owns: (key: string) => boolean;
  private readonly slot: RowSlot;
  private readonly pattern: { readonly like: string; readonly negate: boolean } | null;

  constructor(
    private readonly db: SqlDatabase,
    scope: ElectionRecordsScope = {},
  ) {
    this.owns = scope.owns ?? (() => true);
    this.slot = scope.syncState ?? SYNC_STATE_SLOT;
    this.pattern = scope.keyPattern ?? null;
  }

  private scoped<Q extends { where(sql: string, params: object): Q }>(query: Q): Q {
    return this.pattern ? query.where(`e.key ${this.pattern.negate ? 'NOT LIKE' : 'LIKE'} :pattern`, { pattern: this.pattern.like }) : query;
  }

  async syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport> {
    return this.db.transaction(async ({ manager }) => {
      const table = manager.getRepository<ElectionRow>('election');
      const rows = await this.scoped(
        table.createQueryBuilder('e').select('e.id', 'id').addSelect('e.key', 'key').addSelect('e.name', 'name').addSelect('e.archived', 'archived'),
      )
        .getRawMany<ElectionRow>()
        .then((all) => all.filter((r) => this.owns(r.key)));
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const report = { added: [] as string[], renamed: [] as string[], archived: [] as string[], restored: [] as string[] };
      const now = new Date();
      const present = new Set<string>();
      for (const { key, name } of elections) {
        present.add(key);
        const row = byKey.get(key);
        if (!row) {
          await table.insert({ key, name, created_at: now, updated_at: now, archived: false });
          report.added.push(key);
          continue;
        }
        const wasArchived = fromSqlBool(row.archived);
        if (row.name === name && !wasArchived) continue;
        await table.update({ id: row.id }, { name, archived: false, updated_at: now });
        if (row.name !== name) report.renamed.push(key);
        if (wasArchived) report.restored.push(key);
      }
      for (const row of rows) {
        if (present.has(row.key) || fromSqlBool(row.archived)) continue;
        await table.update({ id: row.id }, { archived: true, updated_at: now });
        report.archived.push(row.key);
      }
      for (const list of Object.values(report)) list.sort();
      return report;
    });
  }

  async list(): Promise<ElectionRecord[]> {
    return this.db.run(async ({ manager }) => {
      const rows = await this.scoped(
        manager
          .getRepository<ElectionRow>('election')
          .createQueryBuilder('e')
          .select('e.key', 'key')
          .addSelect('e.name', 'name')
          .addSelect('e.archived', 'archived'),
      ).getRawMany<ElectionRow>();
      const records = rows.filter((r) => this.owns(r.key)).map((r) => ({ key: r.key, name: r.name ?? r.key, archived: fromSqlBool(r.archived) }));
      // The port promises code-point order, whatever the database's collation would give.
      return records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  async syncedRevision(): Promise<string | null> {
    return this.db.run(async ({ manager }) => {
      const row = await manager
        .getRepository(this.slot.table)
        .createQueryBuilder('s')
        .select('s.revision', 'revision')
        .where(this.slot.where)
        .getRawOne<{ revision: string | null }>();
      return row?.revision ?? null;
    });
  }

  async recordSyncedRevision(revision: string | null): Promise<void> {
    const now = new Date();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async ({ manager }) => {
          const table = manager.getRepository(this.slot.table);
          const changed = await table.update({ ...this.slot.where }, { revision, synced_at: now });
          if (!changed.affected) await table.insert({ ...this.slot.where, revision, synced_at: now });
        });
      } catch (e) {
        // Two replicas recording the first revision at once: the loser updates the winner's row.
        if (attempt < 2 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }
}
