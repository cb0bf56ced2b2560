import type { ElectionRecord, ElectionRecords, ElectionSyncReport } from '../../../application/ports/election-records.js';

/** The election table in memory: rows are archived and restored, never deleted. */
export class InMemoryElectionRecords implements ElectionRecords {
  private readonly rows = new Map<string, ElectionRecord>();
  private revision: string | null = null;

  async syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport> {
    const added: string[] = [];
    const renamed: string[] = [];
    const archived: string[] = [];
    const restored: string[] = [];
    const present = new Set<string>();
    for (const { key, name } of elections) {
      present.add(key);
      const row = this.rows.get(key);
      if (!row) added.push(key);
      else {
        if (row.name !== name) renamed.push(key);
        if (row.archived) restored.push(key);
      }
      this.rows.set(key, { key, name, archived: false });
    }
    for (const row of this.rows.values()) {
      if (!present.has(row.key) && !row.archived) {
        archived.push(row.key);
        this.rows.set(row.key, { ...row, archived: true });
      }
    }
    return { added: added.sort(), renamed: renamed.sort(), archived: archived.sort(), restored: restored.sort() };
  }

  async list(): Promise<ElectionRecord[]> {
    return [...this.rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => ({ ...r }));
  }

  async syncedRevision(): Promise<string | null> {
    return this.revision;
  }

  async recordSyncedRevision(revision: string | null): Promise<void> {
    this.revision = revision;
  }

  /** For adapters that need "does this election have a row" (InMemoryBallotBox's guard). */
  has(key: string): boolean {
    const row = this.rows.get(key);
    return row !== undefined && !row.archived;
  }
}
