import type { Election } from '../../domain/election/election.js';
import type { MetaProblem } from './election-catalog.js';

/** The catalog a complete sync served, as it is kept for the next start of the server. */
export interface SavedCatalog {
  readonly revision: string | null;
  /** When the sync that built it finished. */
  readonly syncedAt: Date;
  readonly elections: ReadonlyMap<string, Election>;
  readonly problems: readonly MetaProblem[];
  /** The revision each election was read at (a broken one keeps the revision of its last good version). */
  readonly readAt: ReadonlyMap<string, string | null>;
}

/**
 * The last good catalog, kept where a restart finds it (the database). Without it a server that
 * starts while the meta source is missing or broken has nothing to serve, and would take "the
 * folder is gone" for "there are no elections". `save` replaces the whole saved catalog at once:
 * a reader finds the old one or the new one, never a mix. `load` gives null when none was saved and
 * throws when what was saved cannot be read back (another format, damaged), never half a catalog.
 */
export interface LastGoodCatalog {
  save(catalog: SavedCatalog): Promise<void>;
  load(): Promise<SavedCatalog | null>;
}
