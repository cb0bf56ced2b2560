import type { Middleware } from 'koa';
import type { Users } from '../../../application/ports/users.js';
import { endUserSession, sessionUserId } from '../session-user.js';

/** Turns the session's user id into `ctx.state.user`; a session naming an unknown user is ended. */
export function loadUser(users: Pick<Users, 'byId'>): Middleware {
  return async (ctx, next) => {
    const id = sessionUserId(ctx);
    if (id !== null) {
      const user = await users.byId(id);
      if (user) ctx.state['user'] = user;
      else endUserSession(ctx);
    }
    await next();
  };
}
