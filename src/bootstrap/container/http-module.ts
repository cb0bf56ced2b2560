import { ContainerModule } from 'inversify';
import type { Middleware } from 'koa';
import type { HttpConfig } from '../../adapters/http/http-config.js';
import type { ReadinessReport } from '../../adapters/http/routes/public-routes.js';
import type { SyncReport } from '../../application/meta/sync-report.js';
import type { AppConfig } from '../config/app-config.js';
import { describeMetaCheck, describeServedCatalog, staleness } from '../serve/catalog-freshness.js';
import { TOKENS as T, type Token } from '../tokens.js';
import { USE_CASES as U } from '../use-case-tokens.js';
import { bindFactory, resolveRecord } from './binding.js';

const { signIn: _s, currentUser: _c, purgeDueLinks: _p, settleClosedElections: _settle, freezeBulletin: _f, freezeClosedElections: _fc, ...WEB } = U;
/** The use cases the web pages call (sign-in and the scheduled jobs are not among them). */
export const WEB_USE_CASES = WEB;

/** The Koa application, built from the use cases the routes call; the container stays out of handlers. */
export function httpModule(config: AppConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindFactory(
      bind,
      T.Readiness,
      [T.ElectionCatalog, T.ElectionRecords, T.SyncMeta, T.WriteHealth],
      (catalog, records, syncMeta, writeHealth) => async (): Promise<ReadinessReport> => {
        const snapshot = catalog.current();
        const { restored, failure } = syncMeta.restoredCatalog();
        const meta = describeMetaCheck(snapshot, restored, failure !== null);
        let database: { ok: boolean; detail: string };
        try {
          await records.syncedRevision();
          database = { ok: true, detail: config.database.dialect };
        } catch {
          database = { ok: false, detail: `${config.database.dialect} unreachable` };
        }
        const last = syncMeta.lastReport();
        const stale = staleness(last, snapshot, restored);
        return {
          ready: meta.ok && database.ok,
          checks: { meta, database },
          writes: writeHealth(),
          ...(last ? { lastSync: describeSync(last, describeServedCatalog(snapshot, restored)) } : {}),
          ...(stale ? { stale } : {}),
        };
      },
    );

    bind(T.HttpApp)
      .toDynamicValue(async (ctx) => {
        if (config.meta.organizationsFile !== null) {
          const { organizationsHttpApp } = await import('../organizations/organizations-http-app.js');
          return organizationsHttpApp((token) => ctx.getAsync(token), config);
        }
        // Koa and the templates load only when something serves HTTP, not for CLI commands.
        const [{ createHttpApp }, { metaWebhookRoutes }, { accessLog }, { requestMetrics }] = await Promise.all([
          import('../../adapters/http/create-http-app.js'),
          import('../../adapters/http/webhook/meta-webhook-routes.js'),
          import('../../adapters/http/middleware/access-log.js'),
          import('../../adapters/http/middleware/request-metrics.js'),
        ]);
        const get = <X>(token: Token<X>) => ctx.getAsync<X>(token);
        const { logger, syncMeta, deliveries, metrics, ...deps } = await resolveRecord(get, {
          logger: T.Logger,
          clock: T.Clock,
          catalog: T.ElectionCatalog,
          users: T.Users,
          signInMethods: T.SignInMethods,
          readiness: T.Readiness,
          syncMeta: T.SyncMeta,
          deliveries: T.WebhookDeliveries,
          metrics: T.Metrics,
        });
        const useCases = await resolveRecord(get, WEB_USE_CASES);
        return createHttpApp({
          config: httpConfigOf(config),
          logger,
          ...deps,
          useCases,
          // @koa/router's middleware type and Koa's differ only in their generic defaults.
          // Without METRICS_PORT nothing reads the request metrics: no middleware at all then.
          observers: [accessLog(logger, { trustProxy: config.app.trustProxy }), ...(config.metrics.port !== null ? [requestMetrics(metrics)] : [])],
          webhook: metaWebhookRoutes({
            syncMeta,
            deliveries,
            clock: deps.clock,
            secret: config.meta.secret,
            branch: config.meta.branch,
            logger,
          }).routes() as unknown as Middleware,
        });
      })
      .inSingletonScope();
  });
}

/** What the web front is told of the configuration. */
export function httpConfigOf(config: AppConfig): HttpConfig {
  return {
    appName: config.app.name,
    appKey: config.app.key,
    appEnv: config.app.env,
    minPasscodeLength: config.app.minPasscodeLength,
    trustProxy: config.app.trustProxy,
    // An https APP_URL means people reach us over TLS, even when the proxy in front is not trusted
    // (TRUST_PROXY unset) and every request looks like plain http: cookies must be Secure anyway.
    // Without APP_URL each request's protocol decides (Koa's, from X-Forwarded-Proto under TRUST_PROXY).
    secureCookies: config.app.url?.toLowerCase().startsWith('https://') ?? false,
    sessionLifetimeMs: config.app.sessionLifetimeMs,
    reloadTemplates: config.app.debug,
  };
}

/**
 * The last sync for /ready: a failure or a broken election in words an operator can act on. /ready is
 * public, so a failure names its stage and kind only; the message (source URL, paths) is in the log.
 */
export function describeSync(r: SyncReport, served: string): NonNullable<ReadinessReport['lastSync']> {
  const at = r.finishedAt.toISOString();
  if (!r.ok && r.error) {
    const kind = r.error.kind ? ` (${r.error.kind})` : '';
    return { ok: false, at, revision: r.revision, detail: `the ${r.error.stage} step failed${kind}; ${served}; the log has the details` };
  }
  if (r.broken.length > 0) {
    const keys = r.broken.map((b) => `${b.key}${b.keptLastGood ? ' (last good version kept)' : ''}`).join(', ');
    return { ok: false, at, revision: r.revision, detail: `${r.broken.length} election(s) could not be read: ${keys}` };
  }
  return { ok: true, at, revision: r.revision, detail: r.unchanged ? 'revision unchanged' : `${r.elections} elections read` };
}
