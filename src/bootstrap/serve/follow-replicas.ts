import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';
import { replicaFollower } from './replica-follower.js';

/**
 * With several replicas, the one that receives a webhook syncs and records the revision in the
 * database; the others notice here, every SYNC_POLL_SECONDS, and sync too (without a webhook of
 * their own). A plain directory's revision is a hash of its election files, so replicas sharing a
 * mounted folder follow each other the same way. Memory has no database: nothing to follow.
 * With SQLite there is one process, but `elekto sync` run beside it is followed the same way.
 */
export async function followReplicas(app: Application): Promise<() => void> {
  const seconds = app.config.meta.pollSeconds;
  if (seconds <= 0 || app.config.database.dialect === 'memory') return () => {};
  const [records, catalog, syncMeta] = await Promise.all([app.get(TOKENS.ElectionRecords), app.get(TOKENS.ElectionCatalog), app.get(TOKENS.SyncMeta)]);
  const follower = replicaFollower({ records, catalog, syncMeta, logger: app.logger });
  let busy = false;
  const timer = setInterval(() => {
    // A slow sync spans several polls; they are skipped rather than queued behind it.
    if (busy) return;
    busy = true;
    follower
      .poll()
      .catch((e: unknown) => app.logger.warn({ err: e }, 'following another replica failed'))
      .finally(() => (busy = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
