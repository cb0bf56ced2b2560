import { SyncMeta } from '../../../application/meta/sync-meta.js';
import type { BallotBox } from '../../../application/ports/ballot-box.js';
import type { ElectionRecords } from '../../../application/ports/election-records.js';
import type { LastGoodCatalog } from '../../../application/ports/last-good-catalog.js';
import { type AppConfig, ConfigError } from '../../config/app-config.js';
import type { HostedOrganization } from '../../organizations/hosted-organizations.js';
import { organizationsOf, type Services, servicesFor } from './organization-scope.js';
import { loadConfig } from '../../config/load-config.js';
import { openApplication } from '../../open-application.js';
import { TOKENS } from '../../tokens.js';
import { formatSyncReport, jsonSyncReport } from './sync-output.js';
import { withStageProgress } from './sync-progress.js';

/**
 * `elekto sync [--json] [--no-fetch]`: fetches and reads the meta repository, updates the election
 * rows. Exit 0 synced (broken elections are listed, not fatal), 1 sync failed, 78 bad configuration.
 */
export async function run(values: { json?: boolean; fetch: boolean; org?: string }): Promise<number> {
  let config;
  try {
    config = loadConfig({ purpose: 'tool' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`elekto sync: ${e.message}\nSee .env.example and docs/operator-guide.md.\n`);
    return 78;
  }
  const app = await openApplication(config);
  try {
    if (config.meta.organizationsFile === null && values.org === undefined) return await syncOne(app, config, values, '');
    // ORGANIZATIONS_FILE: the one named, else each in turn (one broken repository fails only its own).
    const orgs =
      values.org === undefined
        ? await organizationsOf(app)
        : await servicesFor(app, values.org).then((s) => (typeof s === 'string' ? s : [s as HostedOrganization]));
    if (typeof orgs === 'string') {
      process.stderr.write(`elekto sync: ${orgs}\n`);
      return 78;
    }
    let failed = 0;
    const reports: Record<string, unknown> = {};
    for (const org of orgs) {
      const code = await syncOne(
        org,
        config,
        { ...values, json: false, quiet: values.json === true, collect: (r) => (reports[org.config.key] = r) },
        org.config.key,
      );
      if (code !== 0) failed += 1;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(values.org !== undefined ? Object.values(reports)[0] : reports, null, 2)}\n`);
    if (orgs.length > 1) process.stderr.write(`${orgs.length - failed} of ${orgs.length} organizations synced${failed ? `; ${failed} failed (above)` : ''}\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

/** One sync, of the instance's meta repository or of one organization's. */
async function syncOne(
  app: Services,
  config: AppConfig,
  values: { json?: boolean; fetch: boolean; quiet?: boolean; collect?: (report: unknown) => void },
  label: string,
): Promise<number> {
  const started = Date.now();
  const prefix = label ? `${label}: ` : '';
  const say = (stage: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${prefix}${stage}...\n`);
  const [source, reader, catalog, clock, lock] = await Promise.all([
    app.get(TOKENS.MetaSource),
    app.get(TOKENS.MetaReader),
    app.get(TOKENS.ElectionCatalog),
    app.get(TOKENS.Clock),
    app.get(TOKENS.SyncLock),
  ]);
  let records: ElectionRecords | null = null;
  let ballots: BallotBox | undefined;
  let lastGood: LastGoodCatalog | null = null;
  let noDatabaseReason: string | undefined;
  if (config.database.dialect === 'memory') {
    noDatabaseReason = 'the database is "memory" (nothing would be kept), so the database step was skipped';
  } else {
    try {
      records = await app.get(TOKENS.ElectionRecords);
      ballots = await app.get(TOKENS.BallotBox);
      // The catalog the server saved is where this sync starts from, and what it replaces.
      lastGood = await app.get(TOKENS.LastGoodCatalog);
    } catch (e) {
      noDatabaseReason = `the ${config.database.dialect} database adapter is not available (${(e as Error).message}), so the database step was skipped`;
    }
  }
  const staged = withStageProgress({ source, reader }, say);
  const sync = new SyncMeta({
    ...staged,
    catalog,
    clock,
    lock,
    records,
    lastGood,
    ...(ballots ? { ballots } : {}),
    ...(noDatabaseReason ? { noDatabaseReason } : {}),
  });
  const report = await sync.execute({ fetch: values.fetch });
  values.collect?.(jsonSyncReport(report));
  if (!values.quiet) {
    if (label) process.stdout.write(`== ${label}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(jsonSyncReport(report), null, 2)}\n` : formatSyncReport(report));
  }
  return report.ok ? 0 : 1;
}
