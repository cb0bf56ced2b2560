import type { Context } from 'koa';
import type { CatalogSnapshot } from '../../application/ports/election-catalog.js';
import type { Election } from '../../domain/election/election.js';
import { currentUser } from './session-user.js';

interface Entry {
  readonly snapshot: CatalogSnapshot;
  /** First instant at which the page could read differently (an election opens or closes). */
  readonly validUntil: number;
  readonly status: number;
  /** UTF-8 bytes, encoded once: re-encoding a 90 kB string for every response cost more than the rest. */
  readonly html: Buffer;
}

/**
 * Rendered public pages for visitors who are not signed in. Rendering the list of 200 elections
 * took about 8 ms of CPU per request, most of the read path's cost; the page is the same for every
 * anonymous visitor until the catalog is replaced by a sync or an election's status changes with
 * time, and both end an entry's life here, so a cached page reads exactly as a fresh one.
 * Not cached: signed-in visitors (their name and sign-out form are on the page) and requests with a
 * flash message waiting in the session. The routes key only canonical addresses (one per election,
 * four lists); the cap on entries is a second guard.
 */
export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /**
   * With many organizations one cache serves them all (keys carry the organization's path), bounded
   * in bytes: each organization's own cache of up to 500 pages added up to more than a replica's memory.
   */
  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Serves `key` from the cache when it is still good; otherwise runs `render` (which sets ctx.body)
   * and keeps its HTML. `elections` are the ones the page shows (their schedule bounds the entry).
   * A null key renders without keeping anything. `maxAgeMs` shortens the entry's life for a page
   * that may read differently soon for a reason the schedule does not show.
   */
  serve(ctx: Context, key: string | null, snapshot: CatalogSnapshot, now: Date, elections: Iterable<Election>, render: () => void, maxAgeMs?: number): void {
    if (this.hit(ctx, key, snapshot, now)) return;
    render();
    if (key === null || !cacheable(ctx) || typeof ctx.body !== 'string' || ctx.status !== 200) return;
    key = this.fullKey(ctx, key);
    const html = Buffer.from(ctx.body, 'utf8');
    this.forget(key);
    // The oldest entries go first (a Map iterates in insertion order).
    for (const [old] of this.entries) {
      if (this.entries.size < this.maxEntries && this.bytes + html.length <= this.maxBytes) break;
      this.forget(old);
    }
    const validUntil = Math.min(nextChange(elections, now), maxAgeMs === undefined ? Number.POSITIVE_INFINITY : now.getTime() + maxAgeMs);
    this.entries.set(key, { snapshot, validUntil, status: ctx.status, html });
    this.bytes += html.length;
  }

  /**
   * Answers from the cache when `key` holds a good page, before the route does any work of its own
   * (the election page reads its closing digest from the database only on a miss).
   */
  hit(ctx: Context, key: string | null, snapshot: CatalogSnapshot, now: Date): boolean {
    if (key === null || !cacheable(ctx)) return false;
    const hit = this.entries.get(this.fullKey(ctx, key));
    if (!hit || hit.snapshot !== snapshot || now.getTime() >= hit.validUntil) return false;
    ctx.status = hit.status;
    ctx.type = 'html';
    ctx.body = hit.html;
    return true;
  }

  /** With many organizations one cache serves them all: keys carry the organization's path. */
  private fullKey(ctx: Context, key: string): string {
    return `${String(ctx.state['orgPath'] ?? '')}${key}`;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.html.length;
  }
}

function cacheable(ctx: Context): boolean {
  if (currentUser(ctx) !== null) return false;
  const flashes = ctx.session?.flash;
  return !flashes || flashes.length === 0;
}

/** The next start, end or exception deadline after `now` among `elections` (Infinity if none). */
function nextChange(elections: Iterable<Election>, now: Date): number {
  const t = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const e of elections) {
    for (const d of [e.startsAt, e.endsAt, e.exceptionDueAt]) {
      const ms = d.getTime();
      if (ms > t && ms < next) next = ms;
    }
  }
  return next;
}
