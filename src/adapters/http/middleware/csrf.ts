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
    // The body parser leaves DELETE bodies (and unparsed types) undefined, and koa-csrf reads
    // `body._csrf` without looking: without this a DELETE was a 500 instead of a 403.
    const body: unknown = ctx.request.body;
    if (body === undefined || body === null || typeof body !== 'object') ctx.request.body = {};
    return check(ctx, next);
  };
}
