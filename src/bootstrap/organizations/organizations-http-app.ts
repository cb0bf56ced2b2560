import type { IncomingMessage, ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createOrganizationsApp, type OrganizationFront } from '../../adapters/http/create-organizations-app.js';
import { accessLog } from '../../adapters/http/middleware/access-log.js';
import { requestMetrics } from '../../adapters/http/middleware/request-metrics.js';
import { createRenderer } from '../../adapters/http/views.js';
import { PublicPageCache } from '../../adapters/http/public-page-cache.js';
import { metaWebhookRoutes } from '../../adapters/http/webhook/meta-webhook-routes.js';
import type { AppConfig } from '../config/app-config.js';
import { httpConfigOf, WEB_USE_CASES } from '../container/http-module.js';
import { resolveRecord } from '../container/binding.js';
import { TOKENS as T, type Token } from '../tokens.js';
import type { HostedOrganization } from './hosted-organizations.js';
import { organizationsReadiness } from './organizations-readiness.js';

/**
 * The web front with ORGANIZATIONS_FILE: the instance's app (organization list, sign-in, probes)
 * and, per organization, the very app a single-organization deployment serves, built on first
 * request from that organization's services and mounted under `/o/<key>`. One renderer serves all.
 */
export async function organizationsHttpApp(get: <X>(token: Token<X>) => Promise<X>, config: AppConfig): Promise<Koa> {
  const { logger, clock, users, signInMethods, organizations, records, writeHealth, metrics, deliveries } = await resolveRecord(get, {
    logger: T.Logger,
    clock: T.Clock,
    users: T.Users,
    signInMethods: T.SignInMethods,
    organizations: T.Organizations,
    records: T.ElectionRecords,
    writeHealth: T.WriteHealth,
    metrics: T.Metrics,
    deliveries: T.WebhookDeliveries,
  });
  const httpConfig = httpConfigOf(config);
  const render = createRenderer({ appName: httpConfig.appName, reloadTemplates: httpConfig.reloadTemplates ?? false });
  // Every organization's public pages in one cache, bounded in bytes (sized for a 1 GiB replica).
  const pages = new PublicPageCache(20_000, 96 * 1024 * 1024);
  const readiness = organizationsReadiness(config, organizations, () => records.syncedRevision(), writeHealth);

  // Keyed by the hosted organization itself: after SIGHUP a changed entry is a new object, so a new app.
  const apps = new WeakMap<HostedOrganization, Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>>>();
  const appOf = (org: HostedOrganization) => {
    let app = apps.get(org);
    if (!app) {
      app = buildOrganizationApp(org).catch((e: unknown) => {
        apps.delete(org);
        throw e;
      });
      apps.set(org, app);
    }
    return app;
  };
  const buildOrganizationApp = async (org: HostedOrganization) => {
    const orgGet = <X>(token: Token<X>) => org.get(token);
    const { catalog, syncMeta } = await resolveRecord(orgGet, { catalog: T.ElectionCatalog, syncMeta: T.SyncMeta });
    const useCases = await resolveRecord(orgGet, WEB_USE_CASES);
    const orgLogger = logger.child({ organization: org.config.key });
    const koa = createHttpApp({
      config: httpConfig,
      logger: orgLogger,
      clock,
      catalog,
      users,
      signInMethods: [],
      useCases,
      readiness,
      render,
      pages,
      orgPath: `/o/${org.config.key}`,
      orgName: org.config.name,
      webhook: metaWebhookRoutes({
        syncMeta,
        deliveries,
        clock,
        // Only this organization's secret: a delivery signed for another one is refused here.
        secret: org.config.meta.secret,
        branch: org.config.meta.branch,
        logger: orgLogger,
      }).routes() as unknown as Middleware,
    });
    return koa.callback() as (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  };

  const front = (org: HostedOrganization): OrganizationFront => ({
    key: org.config.key,
    name: org.config.name,
    running: async () => {
      const list = (await org.get(WEB_USE_CASES.listElections)).execute({ status: 'running' });
      return list.elections.map((e) => ({ key: e.key, name: e.name, status: e.status }));
    },
    handle: async (req, res) => (await appOf(org))(req, res),
  });

  return createOrganizationsApp({
    config: httpConfig,
    logger,
    clock,
    render,
    users,
    signInMethods,
    readiness,
    organizations: () => organizations.list().map(front),
    organization: (key) => {
      const org = organizations.get(key);
      return org ? front(org) : undefined;
    },
    observers: [accessLog(logger, { trustProxy: config.app.trustProxy }), ...(config.metrics.port !== null ? [requestMetrics(metrics)] : [])],
  });
}
