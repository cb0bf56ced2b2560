import type { User } from '../../../application/ports/users.js';
import type { FlashMessage } from '../flash.js';
import type { GrantResponse } from '../sign-in/github-oauth-sign-in.js';

/**
 * What our middleware keeps on a request (`ctx.state`) and in the signed session cookie
 * (`ctx.session`), typed once here so no handler casts them. Session values come from a cookie we
 * signed, yet may predate a change of shape: readers still check types at run time.
 */
declare module 'koa' {
  interface DefaultState {
    /** The signed-in user (middleware/load-user.ts); absent for anonymous requests. */
    user?: User;
    /** The request's time by the app's clock, for startUserSession (session-user.ts). */
    sessionNow?: number;
    /** The CSRF token for this request's forms, made on first read (middleware/csrf.ts). */
    _csrf?: string;
    /** grant's answer after the GitHub callback (transport "state"). */
    grant?: { response?: GrantResponse; dynamic?: { redirect_uri: string } };
  }

  interface DefaultContext {
    /** koa-session's cookie-backed session (middleware/sessions.ts); null once ended. */
    session: AppSession | null;
  }
}

/** The fields this app keeps in the session cookie. */
interface AppSession {
  /** Our user id: all the cookie says about who you are. */
  uid?: number;
  /** The user's session token at sign-in; a later sign-in or sign-out replaces it. */
  sv?: string | null;
  /** When the person signed in (ms since the epoch). */
  at?: number;
  /** Where to go after sign-in (a local path). */
  returnTo?: string;
  /** One-shot messages across a redirect (flash.ts). */
  flash?: FlashMessage[];
  /** koa-csrf's secret. */
  secret?: string;
  /** The ballot just cast, for the confirmation page. */
  /** `summary`: a one-shot token for what was just cast (OneShotRankings), never the ranking itself. */
  cast?: { key?: string; linked?: boolean; summary?: string; changed?: boolean };
  /** grant's OAuth state between the redirect to GitHub and the callback. */
  grant?: { state?: unknown };
  /** The redirect_uri sent to GitHub with this sign-in, for the code exchange at the callback. */
  oauthCallback?: string;
}
