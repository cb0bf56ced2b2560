import Router from '@koa/router';
import type { Clock } from '../../../application/ports/clock.js';
import type { ElectionCatalog } from '../../../application/ports/election-catalog.js';
import { statusAt } from '../../../domain/election/schedule.js';
import { electionOr404 } from '../catalog-lookup.js';
import { summarise } from '../../../application/elections/election-summary.js';
import type { ListElections } from '../../../application/elections/list-elections.js';
import type { ClosingDigest } from '../../../application/results/closing-digest.js';
import type { PublicBulletin } from '../../../application/results/public-bulletin.js';
import type { UseCase } from './web-use-cases.js';
import { param } from '../middleware/guards.js';
import { currentUser } from '../session-user.js';
import { PublicPageCache } from '../public-page-cache.js';
import { healthRoutes } from './health-routes.js';
import { orgPath, type Render } from '../views.js';

export interface ReadinessReport {
  /** True when every entry of `checks` is ok. */
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { ok: boolean; detail: string }>>;
  /**
   * The outcome of the last meta sync. Not part of `ready`: after a failed sync the last good catalog
   * keeps serving, and taking every replica out of rotation because the remote is down would be worse.
   */
  readonly lastSync?: { ok: boolean; at: string; revision: string | null; detail: string };
  /**
   * Present when the catalog that serves is stale (the last sync failed): since when it was read,
   * whether it was restored from the database at start-up, and why the source could not replace it.
   */
  readonly stale?: { since: string | null; restored: boolean; reason: string };
  /**
   * Whether writes reach their commit (a full disk, a lock timeout, a refused commit say no). Not
   * part of `ready` either: reads still work, and out of rotation no write could show it healed.
   */
  readonly writes?: { ok: boolean; detail: string };
  /**
   * ORGANIZATIONS_FILE: each organization's catalog and last sync. Not part of `ready` either: one
   * broken repository must not take the instance, and every other organization, out of rotation.
   */
  readonly organizations?: Readonly<Record<string, OrganizationReadiness>>;
}

export interface OrganizationReadiness {
  /** A catalog serves and the last sync succeeded. */
  readonly ok: boolean;
  readonly meta: { ok: boolean; detail: string };
  readonly lastSync?: { ok: boolean; at: string; revision: string | null; detail: string };
  readonly stale?: { since: string | null; restored: boolean; reason: string };
}

export interface PublicRouteDeps {
  readonly render: Render;
  readonly clock: Clock;
  readonly catalog: ElectionCatalog;
  readonly listElections: UseCase<ListElections>;
  readonly closingDigest: UseCase<ClosingDigest>;
  readonly publicBulletin: UseCase<PublicBulletin>;
  /** Database reachable and meta synced; bootstrap supplies the real checks. */
  readonly readiness: () => Promise<ReadinessReport>;
  /** A cache to share (one per process when many organizations each have an app). */
  readonly pages?: PublicPageCache;
}

/** Pages anyone may read, plus the probes. */
/** How long a closed, not yet frozen election's page is kept before the digest is looked for again. */
const UNFROZEN_PAGE_MAX_AGE_MS = 5_000;

export function publicRoutes(deps: PublicRouteDeps): Router {
  const { render, clock, catalog } = deps;
  const router = new Router({ strict: true });
  const pages = deps.pages ?? new PublicPageCache();

  router.get('/', (ctx) => {
    if (currentUser(ctx)) return ctx.redirect(`${orgPath(ctx)}/app`);
    const items = deps.listElections.execute().elections;
    render(ctx, 'pages/home.njk', {
      title: 'Elections',
      running: items.filter((e) => e.status === 'running'),
      upcoming: items.filter((e) => e.status === 'upcoming'),
    });
  });

  router.get('/elections', (ctx) => {
    const snapshot = catalog.current();
    // Only the four lists a visitor can click are kept: any other query string renders afresh.
    const key = ctx.path === '/elections' && /^(status=(running|upcoming|completed))?$/.test(ctx.querystring) ? ctx.url : null;
    pages.serve(ctx, key, snapshot, clock.now(), snapshot.elections.values(), () => {
      const list = deps.listElections.execute({ status: statusQuery(ctx.query['status']) });
      const items = list.elections;
      const filter = list.status ?? (list.unknownFilter ? String(ctx.query['status']) : null);
      render(ctx, 'pages/election-list.njk', { title: 'All elections', items, filter, base: '/elections' });
    });
  });

  router.get('/elections/:key', async (ctx) => {
    const snapshot = catalog.current();
    const election = electionOr404(catalog, param(ctx, 'key'));
    const now = clock.now();
    // Only the election's own address is kept (not every spelling of it), so entries stay one per election.
    const canonical = ctx.querystring === '' && [`/elections/${election.key}`, `/elections/${encodeURIComponent(election.key)}`].includes(ctx.path);
    const key = canonical ? ctx.path : null;
    if (pages.hit(ctx, key, snapshot, now)) return;
    const status = statusAt(election, now);
    const frozen = status === 'completed' ? await deps.closingDigest.execute(election.key) : null;
    // A closed election whose bulletin is not frozen yet is kept a few seconds only: serve freezes it
    // within a minute of the close, and its digest then shows (it never changes after). Reading the
    // digest on every request cost the page five times its CPU (read-path bench: 0.20 against 0.04 ms).
    const maxAgeMs = status === 'completed' && frozen === null ? UNFROZEN_PAGE_MAX_AGE_MS : undefined;
    pages.serve(
      ctx,
      key,
      snapshot,
      now,
      [election],
      () => render(ctx, 'pages/public-election.njk', { title: election.name, election, summary: summarise(election, now), status, frozen }),
      maxAgeMs,
    );
  });

  // `publish_ballots: true`, after the close: every ballot (no voter) and the result, as docs/verify.md says.
  router.get('/elections/:key/bulletin.json', async (ctx) => {
    const bulletin = await deps.publicBulletin.execute(param(ctx, 'key'));
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Content-Disposition', 'inline; filename=bulletin.json');
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = `${JSON.stringify(bulletin, null, 2)}\n`;
  });

  healthRoutes(router, deps.readiness);

  return router;
}

/** `?status=` as one string (a repeated parameter counts as unknown, so it lists nothing). */
export function statusQuery(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : '?';
}
