import { createHmac } from 'node:crypto';
import type Koa from 'koa';
import session from 'koa-session';
import { DEFAULT_SESSION_MAX_AGE_MS } from '../http-config.js';

/** Keys for signing cookies, derived from APP_KEY so the raw key is never used for two purposes. */
export function cookieKeys(appKey: string): string[] {
  return [createHmac('sha256', appKey).update('elekto/session-cookie/v1').digest('base64url')];
}

/**
 * Signed cookie sessions. HttpOnly and SameSite=Lax always; `secure` is left to the request, so
 * the cookie is Secure whenever the request came over https (directly or through a trusted proxy).
 */
export function sessions(app: Koa, maxAgeMs = DEFAULT_SESSION_MAX_AGE_MS): Koa.Middleware {
  return session(
    {
      key: 'elekto.session',
      maxAge: maxAgeMs,
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      overwrite: true,
      rolling: false,
      renew: true,
    },
    app,
  ) as unknown as Koa.Middleware;
}
