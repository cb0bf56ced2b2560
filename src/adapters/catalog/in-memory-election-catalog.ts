import type { CatalogSnapshot, ElectionCatalog } from '../../application/ports/election-catalog.js';
import type { Election } from '../../domain/election/election.js';
import { KeyOrderedMap } from './key-ordered-map.js';

/** Snapshots built here; giving one back to `replace` costs no copy. */
const sealed = new WeakSet<CatalogSnapshot>();

export const EMPTY_SNAPSHOT: CatalogSnapshot = remember({
  revision: null,
  syncedAt: null,
  elections: new KeyOrderedMap<Election>([]),
  problems: Object.freeze([]),
});

function remember(snapshot: CatalogSnapshot): CatalogSnapshot {
  const frozen = Object.freeze(snapshot);
  sealed.add(frozen);
  return frozen;
}

/**
 * The catalog pages read: one immutable snapshot behind one reference. `replace` builds the new
 * snapshot completely (sorted, read-only copies) before the single assignment that publishes it,
 * so a reader holding `current()` keeps a consistent view and never sees half a sync.
 */
export class InMemoryElectionCatalog implements ElectionCatalog {
  private snapshot: CatalogSnapshot;

  constructor(initial: CatalogSnapshot = EMPTY_SNAPSHOT) {
    this.snapshot = seal(initial);
  }

  current(): CatalogSnapshot {
    return this.snapshot;
  }

  replace(snapshot: CatalogSnapshot): void {
    const next = seal(snapshot);
    this.snapshot = next;
  }
}

function seal(snapshot: CatalogSnapshot): CatalogSnapshot {
  if (sealed.has(snapshot)) return snapshot;
  return remember({
    revision: snapshot.revision,
    syncedAt: snapshot.syncedAt === null ? null : new Date(snapshot.syncedAt.getTime()),
    elections: snapshot.elections instanceof KeyOrderedMap ? snapshot.elections : new KeyOrderedMap([...snapshot.elections]),
    problems: Object.freeze([...snapshot.problems]),
  });
}
