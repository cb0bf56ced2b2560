import type { RestoredCatalog } from '../../application/meta/restore-last-good.js';
import type { SyncReport } from '../../application/meta/sync-report.js';
import type { CatalogSnapshot } from '../../application/ports/election-catalog.js';

/** What the catalog that serves is, in words for /ready and the log (public: no paths, no URLs). */
export function describeServedCatalog(snapshot: CatalogSnapshot, restored: RestoredCatalog | null): string {
  if (snapshot.syncedAt === null) return 'nothing is served (no catalog has been read yet)';
  const at = snapshot.revision === null ? '' : `revision ${snapshot.revision}, `;
  if (restored) return `the catalog restored from the database (${at}read at ${restored.syncedAt.toISOString()}) keeps serving`;
  return snapshot.revision === null ? 'the catalog read before keeps serving' : `the catalog at revision ${snapshot.revision} keeps serving`;
}

/**
 * The meta check's detail: how many elections at which revision, and whether they came from the
 * database. Why a restore failed stays in the log (a driver's message may name hosts).
 */
export function describeMetaCheck(snapshot: CatalogSnapshot, restored: RestoredCatalog | null, restoreFailed: boolean): { ok: boolean; detail: string } {
  if (snapshot.syncedAt === null) {
    const why = restoreFailed ? '; the catalog saved in the database could not be restored (the log has the details)' : '';
    return { ok: false, detail: `the meta repository has not been read yet${why}` };
  }
  const base = `${snapshot.elections.size} elections at ${snapshot.revision ?? 'directory'}`;
  return { ok: true, detail: restored ? `${base} (restored from the database: the last good catalog, read at ${restored.syncedAt.toISOString()})` : base };
}

export interface Staleness {
  /** When the catalog that serves was read from the source; null when nothing serves. */
  readonly since: string | null;
  /** True when it was restored from the database at start-up (the source has not been read since). */
  readonly restored: boolean;
  readonly reason: string;
}

/**
 * The catalog is stale when the last sync failed: what serves is not what the source says now (or
 * the source cannot say). Null when the last sync succeeded, or before the first.
 */
export function staleness(last: SyncReport | null, snapshot: CatalogSnapshot, restored: RestoredCatalog | null): Staleness | null {
  if (!last || last.ok || !last.error) return null;
  const kind = last.error.kind ? ` (${last.error.kind})` : '';
  return { since: snapshot.syncedAt?.toISOString() ?? null, restored: restored !== null, reason: `the ${last.error.stage} step failed${kind}` };
}
