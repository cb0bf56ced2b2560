import type { Context, Middleware, Next } from 'koa';
import { createRequire } from 'node:module';
import { normaliseLogin } from '../../../domain/identity/github-login.js';
import { flash } from '../flash.js';
import type { HttpLogger } from '../http-logger.js';
import { decodeReturnTo, siteOrigin } from '../redirect-target.js';
import { rememberReturnTo, startUserSession } from '../session-user.js';
import type { LoginForm, SignInMethod, SignInUseCase } from './sign-in-method.js';

export interface GithubOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * APP_URL: the public origin GitHub sends people back to. Null (APP_URL unset, as Elekto's guide
   * has it): the origin each sign-in request came to, i.e. its Host, or X-Forwarded-Proto and
   * X-Forwarded-Host when TRUST_PROXY makes Koa trust them.
   */
  readonly publicUrl: string | null;
  /** GITHUB_REDIRECT: path of the callback route (Elekto's default `/oauth/github/callback`). */
  readonly callbackPath: string;
  /** Overridable so tests can run against a fake GitHub on 127.0.0.1. */
  readonly authorizeUrl?: string;
  readonly accessUrl?: string;
  readonly profileUrl?: string;
  /** Where a recycled login (a row that had to step aside) is reported. */
  readonly logger?: HttpLogger;
}

// grant is CommonJS and its typings declare an ES default export that Node does not produce.
const grant = createRequire(import.meta.url)('grant') as { koa(config: object): unknown };

const LOGIN_PATH = '/oauth/github/login';
/** Grant's own paths are never exposed: our routes call it with the URL it expects. */
const GRANT_PREFIX = '/connect';

export interface GrantResponse {
  error?: unknown;
  access_token?: string;
  profile?: { login?: unknown; id?: unknown; name?: unknown; error?: unknown };
}

/**
 * GitHub OAuth through grant. Grant builds the authorize URL, checks `state`, swaps the code for a
 * token and fetches the profile; we then sign the person in by login and forget the token (the
 * session keeps only our user id).
 */
export class GithubOAuthSignIn implements SignInMethod {
  readonly id = 'github';
  readonly formOrigins: readonly string[];
  readonly middleware: Middleware;
  private readonly grant: Middleware;
  private readonly callbackPath: string;
  private readonly publicUrl: string | null;
  private readonly logger: HttpLogger | null;

  constructor(
    private readonly signIn: SignInUseCase,
    config: GithubOAuthConfig,
  ) {
    this.callbackPath = config.callbackPath.startsWith('/') ? config.callbackPath : `/${config.callbackPath}`;
    this.publicUrl = config.publicUrl;
    this.logger = config.logger ?? null;
    const authorizeUrl = config.authorizeUrl ?? 'https://github.com/login/oauth/authorize';
    this.formOrigins = [new URL(authorizeUrl).origin];
    this.grant = grant.koa({
      defaults: { prefix: GRANT_PREFIX, transport: 'state', state: true },
      github: {
        key: config.clientId,
        secret: config.clientSecret,
        // Elekto asks for this literal scope; it grants no more than public profile access.
        scope: ['user:login,name'],
        response: ['tokens', 'profile'],
        authorize_url: authorizeUrl,
        ...(config.accessUrl ? { access_url: config.accessUrl } : {}),
        ...(config.profileUrl ? { profile_url: config.profileUrl } : {}),
      },
    }) as Middleware;
    this.middleware = (ctx, next) => this.handle(ctx, next);
  }

  loginForm(returnTo: string | null): LoginForm {
    const q = returnTo ? `?r=${encodeURIComponent(returnTo)}` : '';
    return { kind: 'button', action: `${LOGIN_PATH}${q}`, label: 'Sign in with GitHub' };
  }

  private async handle(ctx: Context, next: Next): Promise<void> {
    if (ctx.path === LOGIN_PATH && ctx.method === 'POST') return this.start(ctx);
    if (ctx.path === this.callbackPath && ctx.method === 'GET') return this.finish(ctx);
    return next();
  }

  /** POST (CSRF-checked upstream) so a third-party page cannot start a sign-in on our behalf. */
  private async start(ctx: Context): Promise<void> {
    rememberReturnTo(ctx, decodeReturnTo(ctx.query['r'], siteOrigin(ctx)));
    const callbackUrl = new URL(this.callbackPath, this.publicUrl ?? siteOrigin(ctx)).toString();
    // The code is exchanged with the very redirect_uri it was issued for (GitHub checks): kept till the callback.
    if (ctx.session) ctx.session.oauthCallback = callbackUrl;
    ctx.method = 'GET';
    ctx.querystring = '';
    ctx.originalUrl = `${GRANT_PREFIX}/github`;
    await this.withCallbackUrl(ctx, callbackUrl);
  }

  /** Runs grant with this sign-in's redirect_uri (grant's documented per-request "dynamic" state). */
  private async withCallbackUrl(ctx: Context, callbackUrl: string): Promise<void> {
    ctx.state.grant = { dynamic: { redirect_uri: callbackUrl } };
    await this.grant(ctx, async () => undefined);
  }

  private async finish(ctx: Context): Promise<void> {
    const expected = ctx.session?.grant?.state;
    const given = ctx.query['state'];
    // Grant skips the check when the session has no state; we never do.
    if (typeof expected !== 'string' || typeof given !== 'string' || expected !== given) {
      return this.fail(ctx, 'The sign-in could not be verified (it expired or was started elsewhere). Please try again.');
    }
    const started = ctx.session?.oauthCallback;
    const callbackUrl = typeof started === 'string' ? started : new URL(this.callbackPath, this.publicUrl ?? siteOrigin(ctx)).toString();
    ctx.originalUrl = `${GRANT_PREFIX}/github/callback?${ctx.querystring}`;
    await this.withCallbackUrl(ctx, callbackUrl);
    if (ctx.session) {
      delete ctx.session.grant;
      delete ctx.session.oauthCallback;
    }
    const response = ctx.state.grant?.response;
    delete ctx.state.grant;
    const login = response?.profile?.login;
    // The numeric id is who the person is: a login can be renamed and then taken by someone else.
    const githubId = response?.profile?.id;
    if (!response || response.error || response.profile?.error || typeof login !== 'string' || login === '' || typeof githubId !== 'number') {
      return this.fail(ctx, 'GitHub did not confirm who you are, so you are not signed in. Please try again.');
    }
    const name = typeof response.profile?.name === 'string' ? response.profile.name : null;
    const user = await this.signIn.execute({ login, name, githubId });
    if (user.displaced) {
      this.logger?.warn(
        { login: normaliseLogin(login), githubId, userId: user.id, displacedUserId: user.displaced.id, displacedGithubId: user.displaced.githubId },
        'sign-in: this login belonged to another GitHub account here; that account keeps its row under a tombstone login, the newcomer is a new user',
      );
    }
    startUserSession(ctx, user);
  }

  private fail(ctx: Context, message: string): void {
    if (ctx.session) {
      delete ctx.session.grant;
      delete ctx.session.oauthCallback;
    }
    flash(ctx, message, 'error');
    ctx.status = 302;
    ctx.redirect('/login');
  }
}
