import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { AppConfig } from '../../config/app-config.js';
import type { Application } from '../../open-application.js';
import type { Token } from '../../tokens.js';

/** Elekto's APP_CONNECT=socket made uWSGI speak its own protocol to nginx; `serve` speaks HTTP only. */
export const APP_CONNECT_SOCKET_NOTE =
  'APP_CONNECT=socket: elekto serves HTTP only (no uwsgi protocol); in nginx replace uwsgi_pass with proxy_pass http://127.0.0.1:<APP_PORT> and set TRUST_PROXY=true. A sample: deploy/nginx/elekto.conf';

/**
 * `elekto serve` (or `elekto run`): serves until SIGINT/SIGTERM. Exit 0 stopped cleanly, 1 failed
 * at run time, 78 bad configuration.
 */
export async function run(values: { host?: string; port?: number; demo?: boolean; sync?: boolean }): Promise<number> {
  // Imported after argument parsing so `--help` and usage errors answer at once.
  const [{ ConfigError }, { loadConfig }, { openApplication }, { describeAdapters }, { followReplicas }, { startServer }, { syncAtStartUp }] =
    await Promise.all([
      import('../../config/app-config.js'),
      import('../../config/load-config.js'),
      import('../../open-application.js'),
      import('../../serve/describe.js'),
      import('../../serve/follow-replicas.js'),
      import('../../serve/start-server.js'),
      import('../../serve/sync-at-start-up.js'),
    ]);
  let config: AppConfig;
  try {
    config = loadConfig({ demo: values.demo ?? false, purpose: 'serve' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`elekto serve: ${e.message}\nSee .env.example and docs/operator-guide.md.\n`);
    return 78;
  }
  const host = values.host ?? config.app.host;
  const port = values.port ?? config.app.port;
  const { developmentSignInListenProblem } = await import('../../serve/listen-guard.js');
  const listenProblem = developmentSignInListenProblem(config, host);
  if (listenProblem) {
    process.stderr.write(`elekto serve: ${listenProblem}\n`);
    return 78;
  }
  const started = Date.now();
  const app = await openApplication(config);
  const log = app.logger;
  if (config.app.connect === 'socket') log.warn(APP_CONNECT_SOCKET_NOTE);
  const { appUrlProblem } = await import('../../serve/app-url-check.js');
  const urlProblem = appUrlProblem(config, port);
  if (urlProblem) log.warn(urlProblem);

  try {
    let stopOrganizations = (): void => {};
    if (config.meta.organizationsFile !== null) {
      const started = await startOrganizations(app, values.sync ?? false);
      if (started === null) return 78;
      stopOrganizations = started;
    } else {
      const checkoutMissing = config.meta.driver !== 'directory' && !existsSync(join(config.meta.path, '.git'));
      const report = await syncAtStartUp(app, (values.sync ?? false) || checkoutMissing);
      if (config.demo && report.ok) {
        const { seedDemoBallots } = await import('../../serve/seed-demo-ballots.js');
        const seeded = await seedDemoBallots(app);
        if (seeded > 0) log.info({ ballots: seeded }, 'demo: ballots cast in the completed elections so their results have something to show');
      }
    }
    const server = await startServer(app, { host, port });
    const { startMetrics } = await import('../../serve/start-metrics.js');
    const metrics = await startMetrics(app);
    if (metrics) log.info(`metrics on ${metrics.url}`);
    const stopFollowing = config.meta.organizationsFile !== null ? () => {} : await followReplicas(app);
    const { settleOnClose } = await import('../../serve/settle-on-close.js');
    const stopSettling = config.meta.organizationsFile === null ? await settleOnClose(app) : await settleOnClose(app, await organizationScopes(app));
    log.info({ ...describeAdapters(config), startedInMs: Date.now() - started }, `elekto listening on ${server.url}`);
    if (config.demo) {
      log.info(
        `demo: open ${server.url}, sign in as alice (a voter), erin (try the exception form) or olivia-officer (officer); see examples/demo-meta/README.md`,
      );
    }
    await waitForSignal();
    log.info('stopping');
    stopFollowing();
    stopOrganizations();
    stopSettling();
    await server.close();
    await metrics?.close();
    return 0;
  } catch (e) {
    log.error({ err: e }, `elekto serve failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await app.close();
  }
}

/** Every organization's recorded revision in one query, for the replicas' follow pass (SQL databases only). */
async function recordedRevisions(app: Application) {
  if (app.config.database.dialect === 'memory') return undefined;
  const [{ syncedRevisions }, { TOKENS }] = await Promise.all([import('../../../adapters/persistence/typeorm/index.js'), import('../../tokens.js')]);
  const { db } = await app.get(TOKENS.TypeOrm);
  return (orgs: ReadonlyArray<{ key: string; default: boolean }>) => syncedRevisions(db, orgs);
}

/**
 * ORGANIZATIONS_FILE: reads it (a bad file stops start-up with every problem named), syncs every
 * organization, then follows the other replicas and re-reads the file on SIGHUP. Returns what stops
 * the last two, or null when the file is refused.
 */
async function startOrganizations(app: Application, sync: boolean): Promise<(() => void) | null> {
  // Many organizations make a large live heap (their catalogs). Under page load V8 let the old
  // generation grow to several times that before a full collection, mostly garbage promoted from
  // requests in flight: 1,000 organizations peaked at 1.2 GiB. Growing by half at a time keeps the
  // peak near the live size, for a full collection of ~10 ms about once a second under load.
  setFlagsFromString('--heap-growing-percent=50');
  const [{ OrganizationsFileError }, { followOrganizations, reloadOnSighup, syncOrganizations }, { TOKENS }] = await Promise.all([
    import('../../config/organizations-file.js'),
    import('../../organizations/serve-organizations.js'),
    import('../../tokens.js'),
  ]);
  let organizations;
  try {
    organizations = await app.get(TOKENS.Organizations);
  } catch (e) {
    if (!(e instanceof OrganizationsFileError)) throw e;
    process.stderr.write(`elekto serve: ${e.message}\nSee docs/operator-guide.md, "Hosting many organizations".\n`);
    return null;
  }
  const started = Date.now();
  const orgs = organizations.list();
  const checkoutMissing = (o: (typeof orgs)[number]) => o.config.meta.driver !== 'directory' && !existsSync(join(o.config.meta.path, '.git'));
  const { ok, failed } = await syncOrganizations(orgs, app.logger, (o) => sync || checkoutMissing(o));
  app.logger.info({ organizations: orgs.length, synced: ok, failed, tookMs: Date.now() - started }, `${ok} of ${orgs.length} organizations synced`);
  const stopFollowing = followOrganizations(app.config, organizations, app.logger, await recordedRevisions(app));
  const stopReloading = reloadOnSighup(app.config, organizations, app.logger);
  return () => {
    stopFollowing();
    stopReloading();
  };
}

/** Every hosted organization's services, as the list is at each call (SIGHUP changes it). */
async function organizationScopes(app: Application) {
  const { TOKENS } = await import('../../tokens.js');
  const organizations = await app.get(TOKENS.Organizations);
  return () => organizations.list().map((o) => ({ organization: o.config.key, get: <T>(token: Token<T>) => o.get(token) }));
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
