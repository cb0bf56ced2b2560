import type { CatalogSnapshot, ElectionCatalog } from '../../../src/application/ports/election-catalog.js';
import type { Election } from '../../../src/domain/election/election.js';

/**
 * A catalog holding exactly the given elections. Small on purpose: the real in-memory catalog
 * belongs to the meta adapters; use cases only need current() and replace().
 */
export class FixedCatalog implements ElectionCatalog {
  private snapshot: CatalogSnapshot;

  constructor(elections: readonly Election[] = []) {
    this.snapshot = FixedCatalog.snapshotOf(elections);
  }

  static snapshotOf(elections: readonly Election[]): CatalogSnapshot {
    return { revision: 'test', syncedAt: null, elections: new Map(elections.map((e) => [e.key, e])), problems: [] };
  }

  current(): CatalogSnapshot {
    return this.snapshot;
  }

  replace(snapshot: CatalogSnapshot): void {
    this.snapshot = snapshot;
  }

  put(election: Election): void {
    const elections = new Map(this.snapshot.elections);
    elections.set(election.key, election);
    this.snapshot = { ...this.snapshot, elections };
  }
}
