import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';

/**
 * With several replicas, the one that receives a webhook syncs and records the revision in the
 * database; the others notice here and sync too (without a webhook of their own). A directory
 * source has no revision, so there is nothing to follow.
 */
export async function followReplicas(app: Application): Promise<() => void> {
  const seconds = app.config.meta.pollSeconds;
  if (seconds <= 0 || app.config.meta.driver === 'directory' || app.config.database.dialect === 'memory') return () => {};
  const [records, catalog, syncMeta] = await Promise.all([
    app.get(TOKENS.ElectionRecords),
    app.get(TOKENS.ElectionCatalog),
    app.get(TOKENS.SyncMeta),
  ]);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const recorded = await records.syncedRevision();
        if (recorded && recorded !== catalog.current().revision) {
          app.logger.info({ revision: recorded }, 'another replica synced the meta repository; following');
          const report = await syncMeta.execute({ fetch: true });
          if (!report.ok) app.logger.warn({ error: report.error }, 'following the synced revision failed');
        }
      } catch (e) {
        app.logger.warn({ err: e }, 'could not read the synced revision');
      } finally {
        busy = false;
      }
    })();
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
