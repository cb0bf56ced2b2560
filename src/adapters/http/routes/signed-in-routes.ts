import Router from '@koa/router';
import type { Clock } from '../../../application/ports/clock.js';
import type { ElectionCatalog } from '../../../application/ports/election-catalog.js';
import type { HttpConfig } from '../http-config.js';
import { requireUser } from '../middleware/guards.js';
import type { Render } from '../views.js';
import { ballotRoutes } from './ballot-routes.js';
import { electionRoutes } from './election-routes.js';
import { exceptionRoutes } from './exception-routes.js';
import { officerRoutes } from './officer-routes.js';
import type { WebUseCases } from './web-use-cases.js';

export type { WebUseCases } from './web-use-cases.js';

/** Everything under /app: signed-in people only. */
export function signedInRoutes(deps: { render: Render; clock: Clock; catalog: ElectionCatalog; config: HttpConfig; useCases: WebUseCases }): Router {
  const router = new Router({ strict: true });
  // Every route below is under /app; the guard runs only for requests that match one of them.
  router.use(requireUser);
  electionRoutes(router, deps);
  ballotRoutes(router, { render: deps.render, useCases: deps.useCases, minPasscodeLength: deps.config.minPasscodeLength });
  exceptionRoutes(router, deps);
  officerRoutes(router, deps);
  return router;
}
