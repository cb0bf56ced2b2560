import type { Context, Middleware, Next } from 'koa';
import { DomainError } from '../../../domain/errors.js';
import { isPlausibleLogin } from '../../../domain/identity/github-login.js';
import { flash } from '../flash.js';
import { formFields, formText } from '../form-body.js';
import { rememberReturnTo, startUserSession } from '../session-user.js';
import { decodeReturnTo, siteOrigin } from '../redirect-target.js';
import type { LoginForm, SignInMethod, SignInUseCase } from './sign-in-method.js';

const PATH = '/oauth/development/login';

/**
 * Sign in as any GitHub login by typing it: for the demo and the tests. It must never be reachable
 * in production, so building it there is an error rather than a warning.
 */
export class DevelopmentSignIn implements SignInMethod {
  readonly id = 'development';
  readonly formOrigins: readonly string[] = [];
  readonly middleware: Middleware;

  constructor(
    private readonly signIn: SignInUseCase,
    appEnv: string,
    /** Shown on the sign-in form, e.g. which logins the demo's elections know. */
    private readonly hint: string | null = null,
  ) {
    if (appEnv.trim().toLowerCase() === 'production') {
      throw new Error('The development sign-in refuses to run with APP_ENV=production; configure GitHub OAuth instead.');
    }
    this.middleware = (ctx, next) => this.handle(ctx, next);
  }

  loginForm(returnTo: string | null): LoginForm {
    const q = returnTo ? `?r=${encodeURIComponent(returnTo)}` : '';
    return {
      kind: 'pick-login',
      action: `${PATH}${q}`,
      label: 'Sign in (development)',
      note: `Development sign-in: type any GitHub login. It is switched off in production.${this.hint ? ` ${this.hint}` : ''}`,
    };
  }

  private async handle(ctx: Context, next: Next): Promise<void> {
    if (ctx.path !== PATH) return next();
    if (ctx.method !== 'POST') ctx.throw(405);
    const form = formFields(ctx);
    // As typed, case kept: Elekto compares `user.username` exactly (a new row is written so; an
    // existing one keeps its spelling, see Users.upsertFromSignIn).
    const login = formText(form, 'login').trim().replace(/^@+/, '').trim();
    if (!isPlausibleLogin(login)) {
      flash(ctx, 'Type a GitHub login: letters, digits and single hyphens, up to 39 characters.', 'error');
      ctx.redirect(`/login${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    const rawName = formText(form, 'name').trim().slice(0, 100);
    rememberReturnTo(ctx, decodeReturnTo(ctx.query['r'], siteOrigin(ctx)));
    try {
      const user = await this.signIn.execute({ login, name: rawName === '' ? null : rawName });
      startUserSession(ctx, user);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'INVALID_LOGIN') {
        flash(ctx, e.message, 'error');
        ctx.redirect('/login');
        return;
      }
      throw e;
    }
  }
}
