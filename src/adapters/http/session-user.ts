import type { Context } from 'koa';
import type { User } from '../../application/ports/users.js';
import { safeLocalPath, siteOrigin } from './redirect-target.js';

/**
 * What the session cookie holds about a person: our user id and nothing else (Elekto kept the raw
 * GitHub token there). The current user is loaded per request from the Users port.
 */
const USER_ID = 'uid';
// The user's session token at sign-in: sign-out replaces it in the database, so this cookie (and any
// copy of it) stops matching, although its signature stays valid until it expires.
const SESSION_TOKEN = 'sv';
const RETURN_TO = 'returnTo';

export function currentUser(ctx: Context): User | null {
  return (ctx.state['user'] as User | undefined) ?? null;
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

/** Starts a fresh signed-in session (a new cookie, nothing carried over from before sign-in). */
export function startUserSession(ctx: Context, user: User): void {
  const returnTo = takeReturnTo(ctx);
  ctx.session = { [USER_ID]: user.id, [SESSION_TOKEN]: user.sessionToken ?? null };
  ctx.state['user'] = user;
  ctx.redirect(returnTo ?? '/app');
}

export function endUserSession(ctx: Context): void {
  ctx.session = null;
  delete ctx.state['user'];
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
