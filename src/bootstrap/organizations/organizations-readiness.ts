import type { OrganizationReadiness, ReadinessReport } from '../../adapters/http/routes/public-routes.js';
import type { AppConfig } from '../config/app-config.js';
import { describeSync } from '../container/http-module.js';
import { describeMetaCheck, describeServedCatalog, staleness } from '../serve/catalog-freshness.js';
import { TOKENS as T } from '../tokens.js';
import type { HostedOrganization, HostedOrganizations } from './hosted-organizations.js';

/**
 * GET /ready with ORGANIZATIONS_FILE: ready when the database answers; each organization says
 * whether its catalog serves and how its last sync went, in the same public words as a single
 * organization's (stage and kind of a failure; the message, which may name a URL, is in the log).
 */
export function organizationsReadiness(
  config: AppConfig,
  organizations: HostedOrganizations,
  database: () => Promise<unknown>,
  writeHealth: () => { ok: boolean; detail: string },
): () => Promise<ReadinessReport> {
  return async () => {
    let db: { ok: boolean; detail: string };
    try {
      await database();
      db = { ok: true, detail: config.database.dialect };
    } catch {
      db = { ok: false, detail: `${config.database.dialect} unreachable` };
    }
    const entries = await Promise.all(organizations.list().map(async (o) => [o.config.key, await organizationReadiness(o)] as const));
    return { ready: db.ok, checks: { database: db }, writes: writeHealth(), organizations: Object.fromEntries(entries) };
  };
}

async function organizationReadiness(o: HostedOrganization): Promise<OrganizationReadiness> {
  const [catalog, syncMeta] = await Promise.all([o.get(T.ElectionCatalog), o.get(T.SyncMeta)]);
  const snapshot = catalog.current();
  const { restored, failure } = syncMeta.restoredCatalog();
  const meta = describeMetaCheck(snapshot, restored, failure !== null);
  const last = syncMeta.lastReport();
  const stale = staleness(last, snapshot, restored);
  const lastSync = last ? describeSync(last, describeServedCatalog(snapshot, restored)) : undefined;
  return { ok: meta.ok && (lastSync?.ok ?? true), meta, ...(lastSync ? { lastSync } : {}), ...(stale ? { stale } : {}) };
}
