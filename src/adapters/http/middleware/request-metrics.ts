import type { Context, Middleware } from 'koa';
import type { BallotAction, BallotOutcome, Metrics } from '../../shared/metrics.js';

/** The voter's ballot actions, by method and route template (ballot-routes.ts). */
const BALLOT_ACTIONS: Readonly<Record<string, BallotAction>> = {
  'POST /app/elections/:key/vote': 'cast',
  'POST /app/elections/:key/vote/view': 'view',
  'POST /app/elections/:key/vote/edit': 'revoke',
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A route's answer in one word: the statuses ballot-routes and errorPages give (docs/operator-guide.md). */
export function outcomeOf(status: number): BallotOutcome {
  if (status < 400) return 'ok';
  if (status >= 500) return 'error';
  switch (status) {
    case 401:
      return 'signed_out';
    case 403:
      return 'forbidden';
    case 409:
      return 'conflict';
    case 400:
    case 413:
    case 415:
    case 422:
      return 'invalid';
    case 429:
      return 'throttled';
    default:
      return 'refused';
  }
}

interface MatchedLayer {
  readonly path: unknown;
  readonly methods: readonly string[];
}

/**
 * The matched route's template (`/app/elections/:key`), never the path itself; `(unmatched)` for the
 * rest. Read from @koa/router's public `ctx.matched` (every layer whose path matched): its
 * `_matchedRoute` is overwritten by each `router.use()` layer on the way, so a 401 from the
 * sign-in guard would carry the guard's pattern instead of the route's.
 */
export function routeOf(ctx: Context): string {
  const layers = ((ctx as Context & { matched?: readonly MatchedLayer[] }).matched ?? []).filter((l) => l.methods.length > 0 && typeof l.path === 'string');
  const route = layers.findLast((l) => l.methods.includes(ctx.method)) ?? layers.at(-1);
  return route ? (route.path as string) : '(unmatched)';
}

/**
 * Outermost, so it sees the status errorPages settled on. Counted at the edge by the response: the
 * routes already turn every outcome of a ballot action into a status, and the core stays unaware.
 */
export function requestMetrics(metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    let failed = false;
    try {
      await next();
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      const status = failed ? 500 : ctx.status;
      const route = routeOf(ctx);
      metrics.httpRequest({ method: METHODS.has(ctx.method) ? ctx.method : 'OTHER', route, status, seconds: (performance.now() - started) / 1000 });
      const action = BALLOT_ACTIONS[`${ctx.method} ${route}`];
      if (action) metrics.ballotAction(action, outcomeOf(status));
    }
  };
}
