import type Router from '@koa/router';
import type { ReadinessReport } from './public-routes.js';

/**
 * Liveness and readiness, the same on a single-organization app and on the many-organizations front.
 * `/health` stays cheap and dependency-free for the orchestrator; `/ready` says whether the database
 * answers and the meta repository has been read.
 */
export function healthRoutes(router: Router, readiness: () => Promise<ReadinessReport>): void {
  router.get('/health', (ctx) => {
    ctx.status = 200;
    ctx.type = 'text';
    ctx.body = 'ok';
  });
  router.get('/ready', async (ctx) => {
    const report = await readiness();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = report.ready ? 200 : 503;
    ctx.body = report;
  });
}
