import type Router from '@koa/router';
import type { Clock } from '../../../application/ports/clock.js';
import type { ElectionCatalog } from '../../../application/ports/election-catalog.js';
import { profileFields } from '../../../domain/election/candidate.js';
import { statusAt } from '../../../domain/election/schedule.js';
import { DomainError } from '../../../domain/errors.js';
import { candidateOr404, electionOr404 } from '../catalog-lookup.js';
import { statusQuery } from './public-routes.js';
import { param, userOf } from '../middleware/guards.js';
import { orgPath, type Render } from '../views.js';
import { electionCrumbs, renderElectionPage } from './election-page.js';
import type { WebUseCases } from './web-use-cases.js';

export interface ElectionRouteDeps {
  readonly render: Render;
  readonly clock: Clock;
  readonly catalog: ElectionCatalog;
  readonly useCases: WebUseCases;
}

/** The dashboard, the election list and each election's page, profiles and published results. */
export function electionRoutes(router: Router, deps: ElectionRouteDeps): void {
  const { render, clock, catalog, useCases } = deps;

  router.get('/app', async (ctx) => {
    const user = userOf(ctx);
    const model = await useCases.dashboard.execute({ user });
    render(ctx, 'pages/dashboard.njk', { title: 'Dashboard', model });
  });

  router.get('/app/elections', (ctx) => {
    const list = useCases.listElections.execute({ status: statusQuery(ctx.query['status']) });
    const items = list.elections;
    const filter = list.status ?? (list.unknownFilter ? String(ctx.query['status']) : null);
    render(ctx, 'pages/election-list.njk', {
      title: 'Elections',
      items,
      filter,
      base: '/app/elections',
      breadcrumbs: [{ label: 'Dashboard', href: '/app' }, { label: 'Elections' }],
    });
  });

  router.get('/app/elections/:key', async (ctx) => {
    const standing = await useCases.voterStanding.execute({ user: userOf(ctx), electionKey: param(ctx, 'key') });
    renderElectionPage(render, ctx, standing);
  });

  router.get('/app/elections/:key/candidates/:cid', (ctx) => {
    const election = electionOr404(catalog, param(ctx, 'key'));
    const candidate = candidateOr404(election, param(ctx, 'cid'));
    render(ctx, 'pages/candidate.njk', {
      title: candidate.name,
      breadcrumbs: electionCrumbs(election, { label: candidate.name }),
      election,
      candidate,
      fields: profileFields(candidate, election.showCandidateFields),
    });
  });

  router.get('/app/elections/:key/results', (ctx) => {
    ctx.status = 308;
    ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(param(ctx, 'key'))}/results/`);
  });

  router.get('/app/elections/:key/results/', (ctx) => {
    const election = electionOr404(catalog, param(ctx, 'key'));
    const status = statusAt(election, clock.now());
    if (status !== 'completed') {
      throw new DomainError('ELECTION_NOT_COMPLETED', 'The election is not completed yet: results come after it closes.');
    }
    render(ctx, 'pages/results.njk', {
      title: `Results: ${election.name}`,
      breadcrumbs: electionCrumbs(election, { label: 'Results' }),
      election,
      status,
    });
  });
}
