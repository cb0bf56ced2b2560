import type { SyncReport } from '../../application/meta/sync-report.js';
import type { ElectionCatalog } from '../../application/ports/election-catalog.js';
import type { ElectionRecords } from '../../application/ports/election-records.js';

export interface ReplicaFollowerDeps {
  readonly records: Pick<ElectionRecords, 'syncedRevision'>;
  readonly catalog: Pick<ElectionCatalog, 'current'>;
  readonly syncMeta: { execute(request: { fetch: boolean }): Promise<SyncReport> };
  readonly logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** After a failed follow, the same revision is retried after 1, 2, 4 … up to this many polls. */
export const MAX_BACKOFF_POLLS = 32;

/**
 * One poll of a replica: when the database records a revision other than the one this replica
 * serves, another replica has synced it, so this one syncs too. A revision that failed here is
 * retried less and less often: every retry takes the database lock and fetches, and a broken one
 * must not keep the other replicas waiting every few seconds.
 */
export function replicaFollower(deps: ReplicaFollowerDeps): { poll(): Promise<void> } {
  let failing: { revision: string; skip: number; backoff: number } | null = null;
  return {
    async poll() {
      let recorded: string | null;
      try {
        recorded = await deps.records.syncedRevision();
      } catch (e) {
        deps.logger.warn({ err: e }, 'could not read the synced revision');
        return;
      }
      if (!recorded || recorded === deps.catalog.current().revision) {
        failing = null;
        return;
      }
      if (failing?.revision === recorded && failing.skip > 0) {
        failing.skip -= 1;
        return;
      }
      deps.logger.info({ revision: recorded }, 'another replica synced the meta repository; following');
      const report = await deps.syncMeta.execute({ fetch: true });
      // Unchanged at another revision than the recorded one: this replica's source is not what the
      // other one synced (two plain folders that differ, say). Retrying each poll would only hash
      // the same folder again, so it backs off like a failure.
      const elsewhere = report.ok && report.unchanged && report.revision !== recorded;
      if (report.ok && !elsewhere) {
        failing = null;
        return;
      }
      const backoff = failing?.revision === recorded ? Math.min(failing.backoff * 2, MAX_BACKOFF_POLLS) : 1;
      failing = { revision: recorded, skip: backoff, backoff };
      if (elsewhere) {
        deps.logger.warn(
          { revision: recorded, serving: report.revision, retryInPolls: backoff + 1 },
          'another replica synced a revision this replica does not see: do all replicas read the same META_PATH contents (or META_REPO and META_BRANCH)?',
        );
      } else deps.logger.warn({ revision: recorded, error: report.error, retryInPolls: backoff + 1 }, 'following the synced revision failed');
    },
  };
}
