import type { ElectionRecord, ElectionRecords, ElectionSyncReport } from '../../../application/ports/election-records.js';
import type { ElectionKeyScope } from './election-key-scope.js';

/**
 * One organization's rows of the `election` table. The adapter underneath must itself be limited to
 * the scope (`owns`): its sync archives the rows missing from the meta, and another organization's
 * rows are always missing from this one's meta.
 */
export class ScopedElectionRecords implements ElectionRecords {
  constructor(
    private readonly inner: ElectionRecords,
    private readonly scope: ElectionKeyScope,
  ) {}

  async syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport> {
    const report = await this.inner.syncAll(elections.map((e) => ({ ...e, key: this.scope.stored(e.key) })));
    const local = (keys: readonly string[]) => keys.map((k) => this.scope.local(k));
    return { added: local(report.added), renamed: local(report.renamed), archived: local(report.archived), restored: local(report.restored) };
  }

  async list(): Promise<ElectionRecord[]> {
    return (await this.inner.list()).filter((r) => this.scope.owns(r.key)).map((r) => ({ ...r, key: this.scope.local(r.key) }));
  }

  syncedRevision(): Promise<string | null> {
    return this.inner.syncedRevision();
  }

  recordSyncedRevision(revision: string | null): Promise<void> {
    return this.inner.recordSyncedRevision(revision);
  }
}
