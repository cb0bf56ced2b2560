import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { LastGoodCatalog } from '../ports/last-good-catalog.js';

/** What a start-up restored, for the operator: which catalog serves, and since when. */
export interface RestoredCatalog {
  readonly revision: string | null;
  /** When the sync that built it finished (the catalog is as old as that). */
  readonly syncedAt: Date;
  readonly elections: number;
}

export interface RestoreOutcome {
  readonly restored: RestoredCatalog | null;
  /** The revision each restored election was read at. */
  readonly readAt: Map<string, string | null>;
  /** Why a saved catalog could not be restored (the database down, another format). */
  readonly failure: string | null;
}

/**
 * Puts the last good catalog back into the (still empty) catalog. A failure to load is reported,
 * never thrown: the sync that follows may still read the source and serve it.
 */
export async function restoreLastGood(lastGood: LastGoodCatalog, catalog: ElectionCatalog): Promise<RestoreOutcome> {
  try {
    const saved = await lastGood.load();
    if (saved === null) return { restored: null, readAt: new Map(), failure: null };
    catalog.replace({ revision: saved.revision, syncedAt: saved.syncedAt, elections: saved.elections, problems: saved.problems });
    return {
      restored: { revision: saved.revision, syncedAt: saved.syncedAt, elections: saved.elections.size },
      readAt: new Map(saved.readAt),
      failure: null,
    };
  } catch (e) {
    return { restored: null, readAt: new Map(), failure: e instanceof Error ? e.message : String(e) };
  }
}
