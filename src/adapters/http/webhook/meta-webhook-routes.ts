import Router from '@koa/router';
import type { Context } from 'koa';
import { CoalescedSync } from '../../../application/meta/coalesced-sync.js';
import type { SyncReport } from '../../../application/meta/sync-report.js';
import type { Clock } from '../../../application/ports/clock.js';
import type { WebhookDeliveries } from '../../../application/ports/webhook-deliveries.js';
import type { HttpLogger } from '../http-logger.js';
import { pushRef } from './push-ref.js';
import { BodyTooLargeError, readRawBody } from './read-raw-body.js';
import { verifySignature } from './verify-signature.js';

export const META_WEBHOOK_PATH = '/v1/webhooks/meta/sync';
/** GitHub sends a GUID; anything else is not remembered (and so not refused as a replay either). */
const DELIVERY_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface MetaWebhookDeps {
  readonly syncMeta: { execute(request: { fetch: boolean }): Promise<SyncReport> };
  /** Delivery ids already acted on (shared by replicas through the database). */
  readonly deliveries: WebhookDeliveries;
  readonly clock: Clock;
  /** META_SECRET. Empty or absent: every request is refused (500), never let through. */
  readonly secret: string | null | undefined;
  /** META_BRANCH: only a push to `refs/heads/<branch>` syncs. */
  readonly branch: string;
  readonly logger: HttpLogger;
  /** Default 5 MiB (GitHub caps payloads at 25 MB; a push to a meta repo is far smaller). */
  readonly maxBodyBytes?: number;
}

/**
 * `POST /v1/webhooks/meta/sync`, answered in JSON:
 * 500 no secret configured · 413 body too large · 401 signature missing or wrong (nothing happens) ·
 * 200 `ping` · 202 `{ ignored: true }` for other events and other branches (accepted, nothing to do) ·
 * 400 a signed push whose payload cannot be read · 200 sync done / 502 fetch failed / 500 other failure,
 * with the sync summary; 200 `{ duplicate: true }` for a delivery id already acted on (a replay: a
 * signed delivery stays valid forever, so its id is remembered; one whose sync failed is forgotten
 * again, so GitHub's "Redeliver" works). Pushes arriving together share syncs: one running, one
 * waiting. The check runs in every mode: there is no debug bypass (Elekto had one).
 * Mount it before any body parser: the signature is over the raw bytes.
 */
export function metaWebhookRoutes(deps: MetaWebhookDeps): Router {
  const router = new Router();
  const limit = deps.maxBodyBytes ?? 5 * 1024 * 1024;
  const sync = new CoalescedSync(deps.syncMeta);
  router.post(META_WEBHOOK_PATH, async (ctx) => {
    const delivery = ctx.get('X-GitHub-Delivery') || undefined;
    if (!deps.secret) {
      deps.logger.error({ delivery }, 'meta webhook refused: META_SECRET is not configured');
      return reply(ctx, 500, { error: 'The webhook is disabled: META_SECRET is not configured on the server. No sync was run.' });
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(ctx, limit);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      return reply(ctx, 413, { error: e.message });
    }
    const verdict = verifySignature(deps.secret, raw, ctx.get('X-Hub-Signature-256') || undefined);
    if (verdict !== 'valid') {
      deps.logger.warn({ delivery, verdict, ip: ctx.ip }, 'meta webhook refused: bad signature');
      const error =
        verdict === 'mismatch' ? 'X-Hub-Signature-256 does not match the body.' : 'X-Hub-Signature-256 is missing or not of the form sha256=<64 hex digits>.';
      return reply(ctx, 401, { error });
    }
    const event = ctx.get('X-GitHub-Event');
    if (event === 'ping') return reply(ctx, 200, { ok: true, event: 'ping' });
    if (event !== 'push') return reply(ctx, 202, { ignored: true, reason: `The "${event || '(none)'}" event does not trigger a sync; only push does.` });
    const ref = pushRef(raw, ctx.get('content-type'));
    if (ref === null) return reply(ctx, 400, { error: 'The push payload is not JSON with a "ref" string.' });
    if (ref !== `refs/heads/${deps.branch}`) {
      return reply(ctx, 202, { ignored: true, reason: `A push to ${ref} does not trigger a sync; only refs/heads/${deps.branch} does.` });
    }
    const claimed = delivery !== undefined && DELIVERY_ID.test(delivery) ? delivery : null;
    if (claimed !== null && !(await deps.deliveries.claim(claimed, deps.clock.now()))) {
      deps.logger.info({ delivery }, 'meta webhook: delivery already handled; not syncing again');
      return reply(ctx, 200, { duplicate: true, delivery: claimed });
    }
    const report = await sync.execute({ fetch: true });
    if (!report.ok && claimed !== null) await deps.deliveries.release(claimed).catch(() => undefined);
    const log = {
      delivery,
      revision: report.revision,
      ok: report.ok,
      added: report.added.length,
      updated: report.updated.length,
      removed: report.removed.length,
      broken: report.broken.length,
    };
    if (report.ok && report.broken.length > 0) {
      // The sync went through, but some elections keep their last good version (or are missing): say which.
      deps.logger.warn({ ...log, brokenKeys: report.broken.map((b) => b.key) }, 'meta synced by webhook; some elections could not be read');
    } else if (report.ok) deps.logger.info(log, 'meta synced by webhook');
    else deps.logger.error({ ...log, error: report.error }, 'meta sync by webhook failed');
    const left = report.database.status === 'synced' ? report.database.ballotsLeftBehind : [];
    if (left.length > 0)
      deps.logger.warn(
        { delivery, ballotsLeftBehind: left },
        'meta sync archived elections that hold ballots while adding ones of the same name (renamed folders?)',
      );
    return reply(ctx, report.ok ? 200 : report.error?.stage === 'fetch' ? 502 : 500, summarise(report));
  });
  return router;
}

function reply(ctx: Context, status: number, body: object): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

/** What the sender sees: outcome and keys, not the full problem list (that is in logs and health). */
function summarise(r: SyncReport): object {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  return {
    ok: r.ok,
    revision: r.revision,
    previousRevision: r.previousRevision,
    unchanged: r.unchanged,
    elections: r.elections,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    archived: r.archived,
    restored: r.restored,
    ballotsLeftBehind: r.database.status === 'synced' ? r.database.ballotsLeftBehind : [],
    broken: r.broken,
    problems: { errors, warnings: r.problems.length - errors },
    database: r.database.status,
    error: r.error,
    timings: r.timings,
  };
}
