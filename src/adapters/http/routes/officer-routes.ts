import type Router from '@koa/router';
import type { Context } from 'koa';
import { ballotsCsv, ballotsJson } from '../../shared/export/ballots-export-format.js';
import { exceptionDecisionsCsv } from '../../shared/export/exception-decisions-format.js';
import { resultsMarkdown } from '../../shared/export/results-markdown.js';
import { flash } from '../flash.js';
import { formFields, formText } from '../form-body.js';
import { param, userOf } from '../middleware/guards.js';
import { orgPath, type Render } from '../views.js';
import { electionCrumbs } from './election-page.js';
import { stvResultsView } from '../stv-results-view.js';
import { resultsView } from '../results-view.js';
import type { WebUseCases } from './web-use-cases.js';

/** The election officers' pages: dashboard, request review, results and downloads. */
export function officerRoutes(router: Router, deps: { render: Render; useCases: WebUseCases }): void {
  const { render, useCases } = deps;
  const key = (ctx: Context): string => param(ctx, 'key');
  const base = (ctx: Context): string => `/app/elections/${encodeURIComponent(key(ctx))}/admin`;
  const requestId = (ctx: Context): number => {
    const raw = param(ctx, 'rid');
    if (!/^\d{1,12}$/.test(raw)) ctx.throw(404, 'There is no such exception request.');
    return Number(raw);
  };

  router.get('/app/elections/:key/admin', (ctx) => {
    ctx.status = 308;
    ctx.redirect(`${orgPath(ctx)}${base(ctx)}/`);
  });

  router.get('/app/elections/:key/admin/', async (ctx) => {
    const user = userOf(ctx);
    const list = await useCases.listExceptionRequests.execute({ user, electionKey: key(ctx) });
    const standing = await useCases.voterStanding.execute({ user, electionKey: key(ctx) });
    // Counting ballots only: computing results here would trigger delete_after on a completed election.
    const turnout = standing.status === 'upcoming' ? null : await useCases.electionTurnout.execute({ electionKey: key(ctx), requester: user });
    const archived = await useCases.listArchivedWithBallots.execute({ electionKey: key(ctx), requester: user });
    render(ctx, 'officer/dashboard.njk', {
      title: `Officers: ${list.election.name}`,
      breadcrumbs: electionCrumbs(list.election, { label: 'Officers' }),
      election: list.election,
      status: standing.status,
      list,
      turnout,
      archived,
      voters: list.election.voters?.size ?? 0,
    });
  });

  const showRequest = async (ctx: Context, status = 200, error: string | null = null): Promise<void> => {
    const user = userOf(ctx);
    const request = await useCases.showExceptionRequest.execute({ user, electionKey: key(ctx), requestId: requestId(ctx) });
    const list = await useCases.listExceptionRequests.execute({ user, electionKey: key(ctx) });
    render(
      ctx,
      'officer/request.njk',
      {
        title: `Exception request: ${request.name}`,
        breadcrumbs: electionCrumbs(list.election, { label: 'Officers', href: `${base(ctx)}/` }, { label: request.name }),
        election: list.election,
        request,
        error,
      },
      status,
    );
  };

  router.get('/app/elections/:key/admin/exception/:rid', (ctx) => showRequest(ctx));

  router.post('/app/elections/:key/admin/exception/:rid', async (ctx) => {
    const user = userOf(ctx);
    const body = formFields(ctx);
    const electionKey = key(ctx);
    const id = requestId(ctx);
    if (body['action'] === 'decide') {
      await useCases.decideExceptionRequest.execute({ user, electionKey, requestId: id, decision: formText(body, 'decision'), note: formText(body, 'note') });
      flash(ctx, 'Your decision was saved. The requester sees it on the election page.', 'success');
      ctx.redirect(`${orgPath(ctx)}${base(ctx)}/exception/${id}`);
      return;
    }
    // Explicit target state, so a double click does not toggle twice.
    const reviewed = body['reviewed'] === 'true' ? true : body['reviewed'] === 'false' ? false : undefined;
    await useCases.reviewExceptionRequest.execute({ user, electionKey, requestId: id, ...(reviewed === undefined ? {} : { reviewed }) });
    ctx.redirect(`${orgPath(ctx)}${base(ctx)}/exception/${id}`);
  });

  router.get('/app/elections/:key/admin/results', async (ctx) => {
    const result = await useCases.computeResults.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    const page = {
      title: `Results: ${result.election.name}`,
      breadcrumbs: electionCrumbs(result.election, { label: 'Officers', href: `${base(ctx)}/` }, { label: 'Results' }),
      election: result.election,
      turnout: result.turnout,
      links: result.links,
    };
    const check = await useCases.checkBulletin.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    const bulletin = { frozen: check.frozen, digest: check.bulletin.digest, intact: check.intact, problems: check.problems };
    if (result.kind === 'stv') render(ctx, 'officer/stv-results.njk', { ...page, bulletin, view: stvResultsView(result.election, result) });
    else render(ctx, 'officer/results.njk', { ...page, bulletin, view: resultsView(result.election, result.tally) });
  });

  // Destroying the voter-to-ballot links cannot be undone: a page says what it takes away, and only
  // its POST (CSRF-checked) does it. A GET never changes anything.
  router.get('/app/elections/:key/admin/purge-links', async (ctx) => {
    const links = await useCases.ballotLinksStatus.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    render(ctx, 'officer/purge-links.njk', {
      title: `Destroy the ballot links: ${links.election.name}`,
      breadcrumbs: electionCrumbs(
        links.election,
        { label: 'Officers', href: `${base(ctx)}/` },
        { label: 'Results', href: `${base(ctx)}/results` },
        { label: 'Destroy the ballot links' },
      ),
      election: links.election,
      links,
    });
  });

  router.post('/app/elections/:key/admin/purge-links', async (ctx) => {
    const result = await useCases.purgeLinks.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    flash(
      ctx,
      result.purged === 0
        ? 'There were no ballot links left to destroy.'
        : `${result.purged} ballot link${result.purged === 1 ? '' : 's'} destroyed. The ${result.ballots} ballot${result.ballots === 1 ? '' : 's'} and the results are unchanged.`,
      'success',
    );
    ctx.redirect(`${orgPath(ctx)}${base(ctx)}/results`);
  });

  const download = (ctx: Context, body: string, type: string, filename: string): void => {
    ctx.type = type;
    ctx.set('Content-Disposition', `attachment; filename=${filename}`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };

  router.get('/app/elections/:key/admin/download', async (ctx) => {
    const out = await useCases.exportBallots.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    download(ctx, ballotsCsv(out), 'text/csv; charset=utf-8', 'ballots.csv');
  });

  router.get('/app/elections/:key/admin/download.json', async (ctx) => {
    const out = await useCases.exportBallots.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    download(ctx, ballotsJson(out), 'application/json; charset=utf-8', 'ballots.json');
  });

  // The bulletin as the stored ballots give it now; the results page says whether that is still the one frozen at the close.
  router.get('/app/elections/:key/admin/bulletin.json', async (ctx) => {
    const check = await useCases.checkBulletin.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    download(ctx, `${JSON.stringify(check.bulletin, null, 2)}\n`, 'application/json; charset=utf-8', 'bulletin.json');
  });

  router.get('/app/elections/:key/admin/results.md', async (ctx) => {
    const results = await useCases.computeResults.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    const check = await useCases.checkBulletin.execute({ electionKey: key(ctx), requester: userOf(ctx) });
    download(ctx, resultsMarkdown(results, check.frozen), 'text/markdown; charset=utf-8', 'results.md');
  });

  router.get('/app/elections/:key/admin/exceptions.csv', async (ctx) => {
    const out = await useCases.exportExceptionDecisions.execute({ user: userOf(ctx), electionKey: key(ctx) });
    download(ctx, exceptionDecisionsCsv(out), 'text/csv; charset=utf-8', 'exception-requests.csv');
  });
}
