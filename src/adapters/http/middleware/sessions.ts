import { createHmac } from 'node:crypto';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import session from 'koa-session';
import type { Clock } from '../../../application/ports/clock.js';
import { DEFAULT_SESSION_LIFETIME_MS } from '../http-config.js';
import { endExpiredSession } from '../session-user.js';

/** Keys for signing cookies, derived from APP_KEY so the raw key is never used for two purposes. */
export function cookieKeys(appKey: string): string[] {
  return [createHmac('sha256', appKey).update('elekto/session-cookie/v1').digest('base64url')];
}

/**
 * Signed cookie sessions. HttpOnly and SameSite=Lax always. A session lives `lifetimeMs` from
 * sign-in and is never renewed by use, so a stolen copy dies at the latest then (sign-out and the
 * next sign-in end it sooner: see session-user.ts).
 */
export function sessions(app: Koa, clock: Clock, lifetimeMs = DEFAULT_SESSION_LIFETIME_MS): Middleware[] {
  const cookieSessions = session(
    {
      key: 'elekto.session',
      maxAge: lifetimeMs,
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      overwrite: true,
      rolling: false,
      renew: false,
    },
    app,
  ) as unknown as Middleware;
  return [cookieSessions, endExpiredSession(clock, lifetimeMs)];
}

/**
 * APP_URL is https: every cookie is Secure, whatever this request looks like. Behind a proxy that
 * ends TLS without TRUST_PROXY, Koa sees plain http and would otherwise send cookies without it.
 */
export function secureCookies(): Middleware {
  return async (ctx, next) => {
    (ctx.cookies as unknown as { secure: boolean }).secure = true;
    await next();
  };
}
