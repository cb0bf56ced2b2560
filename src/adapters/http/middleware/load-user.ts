import type { Middleware } from 'koa';
import type { Users } from '../../../application/ports/users.js';
import { dropStaleSession, sessionMatches, sessionUserId } from '../session-user.js';

/**
 * Turns the session's user id into `ctx.state.user`; a session naming an unknown user, or one
 * issued before the user signed out (revoked), is ended.
 */
export function loadUser(users: Pick<Users, 'byId'>): Middleware {
  return async (ctx, next) => {
    const id = sessionUserId(ctx);
    if (id !== null) {
      const user = await users.byId(id);
      if (user && sessionMatches(ctx, user)) ctx.state.user = user;
      else dropStaleSession(ctx);
    }
    await next();
  };
}
