import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import type { Middleware } from 'koa';
import type { Clock } from '../../application/ports/clock.js';
import type { Users } from '../../application/ports/users.js';
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
import { healthRoutes } from './routes/health-routes.js';
import type { ReadinessReport } from './routes/public-routes.js';
import type { SignInMethod } from './sign-in/sign-in-method.js';
import type { OrganizationListItem } from './view-models.js';
import type { Render } from './views.js';

/** One hosted organization as the front sees it: its name, its open elections, and its own app. */
export interface OrganizationFront {
  readonly key: string;
  readonly name: string;
  running(): Promise<OrganizationListItem['running']>;
  /** The organization's app (createHttpApp with `orgPath`), given the request with `/o/<key>` stripped. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface OrganizationsAppDeps {
  readonly config: HttpConfig;
  readonly logger: HttpLogger;
  readonly clock: Clock;
  readonly render: Render;
  readonly users: Pick<Users, 'byId' | 'revokeSessions'>;
  readonly signInMethods: readonly SignInMethod[];
  readonly readiness: () => Promise<ReadinessReport>;
  /** The organizations as they are now (SIGHUP may change the list between two requests). */
  readonly organizations: () => readonly OrganizationFront[];
  readonly organization: (key: string) => OrganizationFront | undefined;
  readonly observers?: readonly Middleware[];
}

const ORG_PATH = /^\/o\/([^/?#]*)(\/[^?#]*)?$/;

/**
 * The instance's front with ORGANIZATIONS_FILE: `/` lists the organizations, sign-in and sign-out,
 * `/health` and `/ready` are instance-wide, and `/o/<org>/…` is handed, prefix stripped, to that
 * organization's own app before any body is read (its webhook verifies the raw body). Sessions are
 * signed cookies with the same keys on every app, so one sign-in serves every organization.
 */
export function createOrganizationsApp(deps: OrganizationsAppDeps): Koa {
  const { config, logger, render } = deps;
  const app = new Koa({ proxy: config.trustProxy, keys: cookieKeys(config.appKey) });
  const formOrigins = deps.signInMethods.flatMap((m) => m.formOrigins);
  app.silent = true;

  for (const observer of deps.observers ?? []) app.use(observer);
  if (config.secureCookies) app.use(secureCookies());
  app.use(securityHeaders(formOrigins, false));
  app.use(noStore);
  app.use(errorPages(render, logger));
  app.use(async (ctx, next) => {
    const match = ORG_PATH.exec(ctx.path);
    if (!match) return next();
    const org = deps.organization(match[1]!);
    if (!org) return ctx.throw(404, 'There is no such organization here.');
    if (match[2] === undefined) return ctx.redirect(`/o/${org.key}/elections`);
    // The organization's app sees its own paths; `ctx.req` is the same request, only re-addressed.
    ctx.req.url = match[2] + (ctx.querystring ? `?${ctx.querystring}` : '');
    ctx.respond = false;
    await org.handle(ctx.req, ctx.res);
    // What the observers (the access log) report.
    ctx.status = ctx.res.statusCode;
  });
  app.use(staticAssets({ reload: config.reloadTemplates ?? false, vendor: zxcvbnBrowserFiles() }));
  for (const m of sessions(app, deps.clock, config.sessionLifetimeMs)) app.use(m);
  app.use(bodyParsing());
  app.use(csrfProtection([]));
  app.use(loadUser(deps.users));
  for (const method of deps.signInMethods) app.use(method.middleware);

  const router = new Router({ strict: true });
  router.get('/', async (ctx) => {
    const organizations = await Promise.all(deps.organizations().map(async (o) => ({ key: o.key, name: o.name, running: await o.running() })));
    render(ctx, 'pages/organizations.njk', { title: 'Organizations', organizations });
  });
  // Where sign-in returns when it has nowhere better: every organization's dashboard starts here.
  router.get('/app', (ctx) => ctx.redirect('/'));
  // The header's "Elections" on an instance page: the organizations list is where they are.
  router.get('/elections', (ctx) => ctx.redirect('/'));
  healthRoutes(router, deps.readiness);
  for (const r of [authRoutes({ render, methods: deps.signInMethods, users: deps.users }), router]) {
    app.use(r.routes());
    app.use(r.allowedMethods());
  }
  return app;
}
