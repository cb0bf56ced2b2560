import type { Logger } from '../logger.js';
import type { AppConfig } from '../config/app-config.js';
import { loadOrganizationsFile } from '../config/organizations-file.js';
import { replicaFollower } from '../serve/replica-follower.js';
import { TOKENS as T } from '../tokens.js';
import type { HostedOrganization, HostedOrganizations } from './hosted-organizations.js';

/** How many organizations sync at once at start-up: each takes a lock connection and reads its tree. */
const START_UP_CONCURRENCY = 4;

/**
 * The first sync of every organization. One that cannot be read is logged with its key and the
 * reason, and serves its last good catalog (restored from the database) if it has one; the others
 * are not held back by it.
 */
export async function syncOrganizations(
  orgs: readonly HostedOrganization[],
  logger: Logger,
  fetch: (org: HostedOrganization) => boolean,
): Promise<{ ok: number; failed: string[] }> {
  // Replicas started together begin at different places in the list: each reads its own share, and
  // finds the rest already saved by the other (SyncMeta serves that catalog without reading again).
  const start = Math.floor(Math.random() * orgs.length);
  const queue = [...orgs.slice(start), ...orgs.slice(0, start)];
  const failed: string[] = [];
  let ok = 0;
  const worker = async () => {
    for (let org = queue.shift(); org; org = queue.shift()) {
      const log = logger.child({ organization: org.config.key });
      try {
        const syncMeta = await org.get(T.SyncMeta);
        const report = await syncMeta.execute({ fetch: fetch(org) });
        if (report.ok) {
          ok += 1;
          log.debug({ elections: report.elections, revision: report.revision, broken: report.broken.length }, 'meta repository read');
          continue;
        }
        failed.push(org.config.key);
        const { restored } = syncMeta.restoredCatalog();
        log.error(
          { error: report.error, servingRestored: restored !== null },
          `organization ${org.config.key}: its meta repository could not be read; ${restored ? 'its last good catalog keeps serving' : 'it has no catalog to serve yet'} (GET /ready reports it)`,
        );
      } catch (e) {
        failed.push(org.config.key);
        log.error({ err: e }, `organization ${org.config.key}: sync failed`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_UP_CONCURRENCY, orgs.length) }, worker));
  return { ok, failed };
}

/**
 * Replicas follow each organization's recorded revision (the one that got a webhook synced it):
 * every SYNC_POLL_SECONDS, one pass over the organizations, each with its own back-off. `recorded`
 * reads every organization's revision at once (one query per pass instead of one per organization).
 */
export function followOrganizations(
  config: AppConfig,
  organizations: HostedOrganizations,
  logger: Logger,
  recorded?: (orgs: ReadonlyArray<{ key: string; default: boolean }>) => Promise<Map<string, string | null>>,
): () => void {
  const seconds = config.meta.pollSeconds;
  if (seconds <= 0 || config.database.dialect === 'memory') return () => {};
  let pass = new Map<string, string | null>();
  const followers = new WeakMap<HostedOrganization, { poll(): Promise<void> }>();
  const followerOf = async (org: HostedOrganization) => {
    let f = followers.get(org);
    if (!f) {
      const [own, catalog, syncMeta] = await Promise.all([org.get(T.ElectionRecords), org.get(T.ElectionCatalog), org.get(T.SyncMeta)]);
      const key = org.config.key;
      const records = recorded ? { syncedRevision: () => Promise.resolve(pass.get(key) ?? null) } : own;
      f = replicaFollower({ records, catalog, syncMeta, logger: logger.child({ organization: key }) });
      followers.set(org, f);
    }
    return f;
  };
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const list = organizations.list();
      if (recorded) {
        try {
          pass = await recorded(list.map((o) => ({ key: o.config.key, default: o.config.default })));
        } catch (e) {
          // Stopping closes the database under a pass: that is no failure to report.
          if (!stopped) logger.warn({ err: e }, 'could not read the synced revisions of the organizations');
          return;
        }
      }
      for (const org of list) {
        // A pass over many organizations outlives a stop: the database may be closing.
        if (stopped) return;
        await (await followerOf(org)).poll().catch((e: unknown) => logger.warn({ err: e, organization: org.config.key }, 'following another replica failed'));
      }
    })().finally(() => (busy = false));
  }, seconds * 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * SIGHUP re-reads ORGANIZATIONS_FILE. A bad file is refused with every problem in the log, and the
 * organizations that were served keep being served; a good one replaces the list, and the new or
 * changed organizations sync.
 */
export function reloadOnSighup(config: AppConfig, organizations: HostedOrganizations, logger: Logger): () => void {
  const file = config.meta.organizationsFile;
  if (file === null) return () => {};
  const reload = () => {
    let list;
    try {
      list = loadOrganizationsFile(file, config);
    } catch (e) {
      logger.error(
        { err: e },
        `SIGHUP: ORGANIZATIONS_FILE refused, the current ${organizations.list().length} organizations keep serving: ${(e as Error).message}`,
      );
      return;
    }
    const change = organizations.replace(list);
    logger.info(change, `SIGHUP: ORGANIZATIONS_FILE read again (${list.length} organizations)`);
    const fresh = organizations.list().filter((o) => change.added.includes(o.config.key) || change.changed.includes(o.config.key));
    void syncOrganizations(fresh, logger, (o) => o.config.meta.driver !== 'directory');
  };
  process.on('SIGHUP', reload);
  return () => process.off('SIGHUP', reload);
}
