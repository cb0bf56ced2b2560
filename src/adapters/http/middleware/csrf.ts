import type { Middleware } from 'koa';
import CSRF from 'koa-csrf';
import Tokens from 'csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const tokens = new Tokens();

/**
 * Synchronizer tokens (koa-csrf over the `csrf` package): a secret in the signed session, a token
 * in every state-changing form as `_csrf`. Paths in `exempt` carry their own proof (the webhook's
 * HMAC signature).
 *
 * On safe requests the token, and the session secret behind it, are made only when a page renders
 * a form: someone reading public pages gets no cookie at all (koa-csrf would make one per visit).
 */
export function csrfProtection(exempt: readonly string[]): Middleware {
  const check = CSRF({
    disableQuery: true,
    excludedMethods: [...SAFE_METHODS],
    errorHandler: (ctx) => ctx.throw(403, 'This form has expired or did not come from this site. Go back, reload the page and try again.'),
  });
  return async (ctx, next) => {
    if (exempt.includes(ctx.path)) return next();
    if (SAFE_METHODS.has(ctx.method)) {
      let token: string | undefined;
      Object.defineProperty(ctx.state, '_csrf', {
        configurable: true,
        enumerable: true,
        get: (): string | undefined => {
          if (!ctx.session) return undefined;
          const secret = typeof ctx.session.secret === 'string' ? ctx.session.secret : (ctx.session.secret = tokens.secretSync());
          return (token ??= tokens.create(secret));
        },
      });
      return next();
    }
    // The body parser leaves DELETE bodies (and unparsed types) undefined, and koa-csrf reads
    // `body._csrf` without looking: without this a DELETE was a 500 instead of a 403.
    const body: unknown = ctx.request.body;
    if (body === undefined || body === null || typeof body !== 'object') ctx.request.body = {};
    return check(ctx, next);
  };
}
