import type { Context, Middleware } from 'koa';
import type { Clock } from '../../application/ports/clock.js';
import type { User } from '../../application/ports/users.js';
import { safeLocalPath, siteOrigin } from './redirect-target.js';

/**
 * What the session cookie holds about a person: our user id and nothing else (Elekto kept the raw
 * GitHub token there). The current user is loaded per request from the Users port.
 */
const USER_ID = 'uid' as const;
// The user's session token at sign-in: the next sign-in and sign-out replace it in the database, so
// this cookie (and any copy of it) stops matching, although its signature stays valid.
const SESSION_TOKEN = 'sv' as const;
// When the person signed in (ms since the epoch): the session ends a fixed time after, however used.
const SIGNED_IN_AT = 'at' as const;
const RETURN_TO = 'returnTo' as const;
// The request's time by the app's clock, kept for startUserSession.
const NOW = 'sessionNow' as const;

export function currentUser(ctx: Context): User | null {
  return ctx.state.user ?? null;
}

export function sessionUserId(ctx: Context): number | null {
  const id = ctx.session?.[USER_ID];
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

/** True when the session was issued for the user's current session token (not revoked since). */
export function sessionMatches(ctx: Context, user: User): boolean {
  const token = ctx.session?.[SESSION_TOKEN];
  return typeof token === 'string' && user.sessionToken !== undefined && token === user.sessionToken;
}

/**
 * Ends a signed-in session older than `lifetimeMs` (or without a sign-in time: issued before this
 * rule). Runs right after the cookie is read, before the user is loaded.
 */
export function endExpiredSession(clock: Clock, lifetimeMs: number): Middleware {
  return async (ctx, next) => {
    const now = clock.now().getTime();
    ctx.state[NOW] = now;
    if (sessionUserId(ctx) !== null) {
      const at = ctx.session?.[SIGNED_IN_AT];
      // `at` is signed with the cookie; a future one only means the clock was set back.
      const fresh = typeof at === 'number' && now - at < lifetimeMs;
      if (!fresh) dropStaleSession(ctx);
    }
    await next();
  };
}

/** Starts a fresh signed-in session (a new cookie, nothing carried over from before sign-in). */
export function startUserSession(ctx: Context, user: User): void {
  const returnTo = takeReturnTo(ctx);
  const now = ctx.state[NOW] ?? Date.now();
  ctx.session = { [USER_ID]: user.id, [SESSION_TOKEN]: user.sessionToken ?? null, [SIGNED_IN_AT]: now };
  ctx.state.user = user;
  ctx.redirect(returnTo ?? '/app');
}

export function endUserSession(ctx: Context): void {
  ctx.session = null;
  delete ctx.state.user;
}

/**
 * A session that no longer stands (expired, revoked, its user gone) becomes a fresh anonymous one,
 * not none: the same request may still render the sign-in form, whose CSRF token needs a session.
 */
export function dropStaleSession(ctx: Context): void {
  ctx.session = {};
  delete ctx.state.user;
}

export function rememberReturnTo(ctx: Context, path: string | null): void {
  if (!ctx.session) return;
  if (path) ctx.session[RETURN_TO] = path;
  else delete ctx.session[RETURN_TO];
}

function takeReturnTo(ctx: Context): string | null {
  const value = ctx.session?.[RETURN_TO];
  return typeof value === 'string' ? safeLocalPath(value, siteOrigin(ctx)) : null;
}
