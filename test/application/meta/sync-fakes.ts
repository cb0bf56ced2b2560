/** Small fakes for SyncMeta: a source whose revision the test moves, a reader fed per revision. */
import type { MetaProblem } from '../../../src/application/ports/election-catalog.js';
import type { ElectionRecords, ElectionSyncReport } from '../../../src/application/ports/election-records.js';
import type { MetaReader, MetaReading } from '../../../src/application/ports/meta-reader.js';
import type { MetaSource, MetaTree } from '../../../src/application/ports/meta-source.js';
import type { Election } from '../../../src/domain/election/election.js';
import { InMemoryElectionRecords } from '../../../src/adapters/persistence/in-memory/in-memory-election-records.js';

export class FakeMetaSource implements MetaSource {
  revision: string | null = 'r1';
  failure: Error | null = null;
  fetches = 0;
  currents = 0;
  /** A slow remote: each fetch takes this long. */
  delayMs = 0;

  async fetch(): Promise<MetaTree> {
    this.fetches++;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failure) throw this.failure;
    return { root: '/meta', revision: this.revision };
  }
  async current(): Promise<MetaTree> {
    this.currents++;
    return { root: '/meta', revision: this.revision };
  }
  describe(): string {
    return 'fake source';
  }
}

export interface FakeRevision {
  readonly elections: readonly Election[];
  readonly broken?: readonly string[];
  readonly problems?: readonly MetaProblem[];
}

export class FakeMetaReader implements MetaReader {
  readonly revisions = new Map<string | null, FakeRevision>();
  reads = 0;
  running = 0;
  maxRunning = 0;
  /** When set, each read waits for this promise (to hold a sync in the middle). */
  gate: Promise<void> | null = null;
  failure: Error | null = null;

  async read(tree: MetaTree): Promise<MetaReading> {
    this.reads++;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate) await this.gate;
      if (this.failure) throw this.failure;
      const rev = this.revisions.get(tree.revision);
      if (!rev) throw new Error(`no fake content for revision ${tree.revision}`);
      const problems: MetaProblem[] = [...(rev.problems ?? [])];
      for (const key of rev.broken ?? []) {
        problems.push({ severity: 'error', file: `elections/${key}/election.yaml`, message: 'broken YAML', electionKey: key });
      }
      return { elections: new Map(rev.elections.map((e) => [e.key, e])), brokenKeys: rev.broken ?? [], problems };
    } finally {
      this.running--;
    }
  }
}

/** The in-memory table, with a switch that makes the next calls fail like a database outage. */
export class FlakyElectionRecords implements ElectionRecords {
  readonly inner = new InMemoryElectionRecords();
  down = false;
  calls = 0;

  private check(): void {
    this.calls++;
    if (this.down) throw new Error('database unavailable');
  }
  async syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport> {
    this.check();
    return this.inner.syncAll(elections);
  }
  async list() {
    this.check();
    return this.inner.list();
  }
  async syncedRevision() {
    this.check();
    return this.inner.syncedRevision();
  }
  async recordSyncedRevision(revision: string | null) {
    this.check();
    return this.inner.recordSyncedRevision(revision);
  }
}
