import type { SyncReport } from '../../application/meta/sync-report.js';
import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';

/**
 * The first sync of a starting server, and what the operator must read about it: what was read, or
 * why nothing could be, and whether the catalog that serves is the last good one restored from the
 * database (stale until the source can be read again).
 */
export async function syncAtStartUp(app: Application, fetch: boolean): Promise<SyncReport> {
  const log = app.logger;
  const syncMeta = await app.get(TOKENS.SyncMeta);
  const report = await syncMeta.execute({ fetch });
  if (report.ok) {
    log.info({ elections: report.elections, revision: report.revision, broken: report.broken.length }, 'meta repository read');
  } else {
    log.error({ error: report.error }, 'meta repository could not be read; serving what is available (GET /ready reports it)');
  }
  const { restored, failure } = syncMeta.restoredCatalog();
  if (restored) {
    const at = restored.syncedAt.toISOString();
    log.warn(
      { elections: restored.elections, revision: restored.revision, syncedAt: at },
      `serving the last good catalog, restored from the database (${restored.elections} elections${restored.revision ? ` at revision ${restored.revision}` : ''}, read at ${at}); it is stale until the meta repository can be read again`,
    );
  } else if (failure) {
    log.warn({ failure }, 'the last good catalog saved in the database could not be restored');
  }
  return report;
}
