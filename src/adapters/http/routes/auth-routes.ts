import Router from '@koa/router';
import type { SignInMethod } from '../sign-in/sign-in-method.js';
import { requireUser } from '../middleware/guards.js';
import { decodeReturnTo, encodeReturnTo, siteOrigin } from '../redirect-target.js';
import { currentUser, endUserSession } from '../session-user.js';
import type { Users } from '../../../application/ports/users.js';
import type { Render } from '../views.js';

/** /login and /logout; the sign-in methods answer their own form targets and callbacks. */
export function authRoutes(deps: { render: Render; methods: readonly SignInMethod[]; users: Pick<Users, 'revokeSessions'> }): Router {
  const { render } = deps;
  const router = new Router({ strict: true });

  router.get('/login', (ctx) => {
    if (currentUser(ctx)) return ctx.redirect('/app');
    // Re-encode after checking, so a foreign `r` is dropped rather than carried into the forms.
    const back = decodeReturnTo(ctx.query['r'], siteOrigin(ctx));
    const r = back ? encodeReturnTo(back) : null;
    render(ctx, 'pages/login.njk', { title: 'Sign in', forms: deps.methods.map((m) => m.loginForm(r)) });
  });

  // GET only asks: signing out is a state change, so it takes a POST with a CSRF token.
  router.get('/logout', requireUser, (ctx) => {
    render(ctx, 'pages/logout.njk', { title: 'Sign out' });
  });

  router.post('/logout', async (ctx) => {
    // Every session of this account ends, not just this cookie: a copy of it is refused from now on.
    const user = currentUser(ctx);
    if (user) await deps.users.revokeSessions(user.id);
    endUserSession(ctx);
    ctx.session = { flash: [{ kind: 'info', text: 'You are signed out.' }] };
    ctx.redirect('/login');
  });

  return router;
}
