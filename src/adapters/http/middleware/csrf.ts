import type { Middleware } from 'koa';
import CSRF from 'koa-csrf';

/**
 * Synchronizer tokens (koa-csrf over the `csrf` package): a secret in the signed session, a token
 * in every state-changing form as `_csrf`. Paths in `exempt` carry their own proof (the webhook's
 * HMAC signature).
 */
export function csrfProtection(exempt: readonly string[]): Middleware {
  const check = CSRF({
    disableQuery: true,
    errorHandler: (ctx) =>
      ctx.throw(403, 'This form has expired or did not come from this site. Go back, reload the page and try again.'),
  });
  return async (ctx, next) => {
    if (exempt.includes(ctx.path)) return next();
    return check(ctx, next);
  };
}
