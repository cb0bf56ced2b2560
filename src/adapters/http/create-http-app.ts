import Koa from 'koa';
import type { Middleware } from 'koa';
import type { Clock } from '../../application/ports/clock.js';
import type { ElectionCatalog } from '../../application/ports/election-catalog.js';
import type { Users } from '../../application/ports/users.js';
import type { SignInMethod } from './sign-in/sign-in-method.js';
import { zxcvbnBrowserFiles } from '../shared/zxcvbn-settings.js';
import type { HttpConfig } from './http-config.js';
import type { HttpLogger } from './http-logger.js';
import { bodyParsing } from './middleware/body-parsing.js';
import { csrfProtection } from './middleware/csrf.js';
import { errorPages } from './middleware/error-pages.js';
import { loadUser } from './middleware/load-user.js';
import { noStore, securityHeaders } from './middleware/security-headers.js';
import { cookieKeys, secureCookies, sessions } from './middleware/sessions.js';
import { staticAssets } from './middleware/static-assets.js';
import { authRoutes } from './routes/auth-routes.js';
import { type ReadinessReport, publicRoutes } from './routes/public-routes.js';
import { signedInRoutes, type WebUseCases } from './routes/signed-in-routes.js';
import { createRenderer, type Render } from './views.js';
import type { PublicPageCache } from './public-page-cache.js';

export const WEBHOOK_PATH = '/v1/webhooks/meta/sync';

export interface HttpDeps {
  readonly config: HttpConfig;
  readonly logger: HttpLogger;
  readonly clock: Clock;
  readonly catalog: ElectionCatalog;
  readonly users: Pick<Users, 'byId' | 'revokeSessions'>;
  /** GitHub OAuth and/or the development sign-in, in the order the login page shows them. */
  readonly signInMethods: readonly SignInMethod[];
  readonly useCases: WebUseCases;
  readonly readiness: () => Promise<ReadinessReport>;
  /** `metaWebhookRoutes(...).routes()`: mounted before body parsing, it verifies its own HMAC. */
  readonly webhook?: Middleware;
  /** Outermost middleware that watches every request (the access log, the request metrics). */
  readonly observers?: readonly Middleware[];
  /**
   * ORGANIZATIONS_FILE: this app serves one organization's pages under this prefix (`/o/<org>`),
   * reached through the organizations front, which strips it. Sign-in stays the front's.
   */
  readonly orgPath?: string;
  /** The organization's name, shown in the header of its pages (ORGANIZATIONS_FILE). */
  readonly orgName?: string;
  /** A renderer to share (one per process when many organizations each have an app). */
  readonly render?: Render;
  /** A public page cache to share, likewise. */
  readonly pages?: PublicPageCache;
}

/** The whole web front as a Koa app, built only from what it is given (no container here). */
export function createHttpApp(deps: HttpDeps): Koa {
  const { config, logger } = deps;
  const app = new Koa({ proxy: config.trustProxy, keys: cookieKeys(config.appKey) });
  const render = deps.render ?? createRenderer({ appName: config.appName, reloadTemplates: config.reloadTemplates ?? false });
  const orgPath = deps.orgPath ?? '';
  const formOrigins = deps.signInMethods.flatMap((m) => m.formOrigins);
  // Errors are answered by errorPages; Koa's default handler would only log them twice.
  app.silent = true;

  if (orgPath) {
    app.use(async (ctx, next) => {
      ctx.state['orgPath'] = orgPath;
      ctx.state['orgName'] = deps.orgName ?? '';
      await next();
    });
  }
  for (const observer of deps.observers ?? []) app.use(observer);
  if (config.secureCookies) app.use(secureCookies());
  app.use(securityHeaders(formOrigins, false));
  app.use(noStore);
  app.use(errorPages(render, logger));
  if (deps.webhook) app.use(deps.webhook);
  // An organization's app leaves /static to the front: the assets are read into memory once per app,
  // about 2 MB (the passphrase-strength dictionaries), which a thousand organizations cannot each hold.
  if (!orgPath) app.use(staticAssets({ reload: config.reloadTemplates ?? false, vendor: zxcvbnBrowserFiles() }));
  for (const m of sessions(app, deps.clock, config.sessionLifetimeMs)) app.use(m);
  app.use(bodyParsing());
  app.use(csrfProtection([WEBHOOK_PATH]));
  app.use(loadUser(deps.users));
  for (const method of deps.signInMethods) app.use(method.middleware);

  const routers = [
    publicRoutes({
      render,
      clock: deps.clock,
      catalog: deps.catalog,
      listElections: deps.useCases.listElections,
      closingDigest: deps.useCases.closingDigest,
      publicBulletin: deps.useCases.publicBulletin,
      readiness: deps.readiness,
      pages: deps.pages,
    }),
    ...(orgPath ? [] : [authRoutes({ render, methods: deps.signInMethods, users: deps.users })]),
    signedInRoutes({ render, clock: deps.clock, catalog: deps.catalog, config, useCases: deps.useCases }),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
