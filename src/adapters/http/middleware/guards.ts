import type { Context, Middleware, Next } from 'koa';
import type { User } from '../../../application/ports/users.js';
import { encodeReturnTo } from '../redirect-target.js';
import { currentUser } from '../session-user.js';
import { orgPath } from '../views.js';

/**
 * Signed-in pages. A GET from someone signed out goes to the login page with `r` (Elekto's
 * encoding) so they come back here; anything else is a plain 401.
 */
export const requireUser: Middleware = async (ctx: Context, next: Next) => {
  if (currentUser(ctx)) return next();
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    ctx.redirect(`/login?r=${encodeURIComponent(encodeReturnTo(orgPath(ctx) + ctx.url))}`);
    return;
  }
  ctx.throw(401, 'Please sign in first; your session may have expired.');
};

export function userOf(ctx: Context): User {
  const user = currentUser(ctx);
  if (!user) ctx.throw(401);
  return user;
}

/** Route parameters come decoded; election keys and candidate ids never hold `/` or control chars. */
export function param(ctx: Context, name: string): string {
  const value = (ctx as Context & { params?: Record<string, string> }).params?.[name] ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (value === '' || value.length > 300 || /[\u0000-\u001f/\\]/.test(value)) ctx.throw(404);
  return value;
}
