import type { LastGoodCatalog, SavedCatalog } from '../../../application/ports/last-good-catalog.js';

/**
 * The last good catalog in memory (DB_CONNECTION=memory, tests): it survives a new SyncMeta in the
 * same process, not a restart. Saved as a deep copy, so later changes to the caller's objects do
 * not leak into it.
 */
export class InMemoryLastGoodCatalog implements LastGoodCatalog {
  private saved: SavedCatalog | null = null;

  async save(catalog: SavedCatalog): Promise<void> {
    this.saved = copy(catalog);
  }

  async load(): Promise<SavedCatalog | null> {
    return this.saved === null ? null : copy(this.saved);
  }
}

function copy(c: SavedCatalog): SavedCatalog {
  // The catalog's own map type keeps its entries private; a plain Map is what structuredClone copies.
  return structuredClone({ ...c, elections: new Map(c.elections), readAt: new Map(c.readAt), problems: [...c.problems] });
}
