import type { ElectionRecord, ElectionRecords, ElectionSyncReport } from '../../../application/ports/election-records.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBool, toSqlDate } from './sql-values.js';

interface ElectionRow {
  id: number;
  key: string;
  name: string | null;
  archived: unknown;
}

/**
 * Elekto's `election` table, synced from the meta repository. Elekto deleted the row of an election
 * that left the meta, and its ballots with it (cascade); we set `archived` and keep everything.
 */
export class TypeOrmElectionRecords implements ElectionRecords {
  constructor(private readonly db: SqlDatabase) {}

  async syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport> {
    const { db } = this;
    const k = db.q('key');
    return db.transaction(async (sql) => {
      const rows = await sql.rows<ElectionRow>(`SELECT id, ${k} AS ${k}, name, archived FROM election`);
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const report = { added: [] as string[], renamed: [] as string[], archived: [] as string[], restored: [] as string[] };
      const now = toSqlDate(new Date());
      const present = new Set<string>();
      for (const { key, name } of elections) {
        present.add(key);
        const row = byKey.get(key);
        if (!row) {
          await sql.exec(`INSERT INTO election (${k}, name, created_at, updated_at, archived) VALUES (?, ?, ?, ?, ?)`, [key, name, now, now, false]);
          report.added.push(key);
          continue;
        }
        const wasArchived = fromSqlBool(row.archived);
        if (row.name === name && !wasArchived) continue;
        await sql.exec('UPDATE election SET name = ?, archived = ?, updated_at = ? WHERE id = ?', [name, false, now, row.id]);
        if (row.name !== name) report.renamed.push(key);
        if (wasArchived) report.restored.push(key);
      }
      for (const row of rows) {
        if (present.has(row.key) || fromSqlBool(row.archived)) continue;
        await sql.exec('UPDATE election SET archived = ?, updated_at = ? WHERE id = ?', [true, now, row.id]);
        report.archived.push(row.key);
      }
      for (const list of Object.values(report)) list.sort();
      return report;
    });
  }

  async list(): Promise<ElectionRecord[]> {
    const k = this.db.q('key');
    return this.db.run(async (sql) => {
      const rows = await sql.rows<ElectionRow>(`SELECT id, ${k} AS ${k}, name, archived FROM election ORDER BY ${k}`);
      const records = rows.map((r) => ({ key: r.key, name: r.name ?? r.key, archived: fromSqlBool(r.archived) }));
      // ORDER BY follows the database collation; the port promises code-point order.
      return records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  async syncedRevision(): Promise<string | null> {
    return this.db.run(async (sql) => {
      const rows = await sql.rows<{ revision: string | null }>('SELECT revision FROM elekto_meta_sync WHERE id = 1');
      return rows[0]?.revision ?? null;
    });
  }

  async recordSyncedRevision(revision: string | null): Promise<void> {
    const now = toSqlDate(new Date());
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (sql) => {
          const changed = await sql.exec('UPDATE elekto_meta_sync SET revision = ?, synced_at = ? WHERE id = 1', [revision, now]);
          if (changed === 0) await sql.exec('INSERT INTO elekto_meta_sync (id, revision, synced_at) VALUES (1, ?, ?)', [revision, now]);
        });
      } catch (e) {
        // Two replicas recording the first revision at once: the loser updates the winner's row.
        if (attempt < 2 && this.db.isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }
}
