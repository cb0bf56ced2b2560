/**
 * With many organizations one page cache serves them all (issue 14, replica memory): the same path
 * of two organizations is two entries, and the cache keeps to its byte bound by dropping its oldest
 * pages, not every page at once.
 */
import type { Context } from 'koa';
import { PublicPageCache } from '../../src/adapters/http/public-page-cache.js';
import { FixedCatalog } from '../support/builders/fixed-catalog.js';

const snapshot = FixedCatalog.snapshotOf([]);
const now = new Date('2024-03-01T12:00:00Z');

/** Serves `path` of `org` and says whether it was rendered (a miss) or came from the cache. */
function visit(cache: PublicPageCache, org: string, path: string, html: string): { rendered: boolean; body: unknown } {
  const ctx = { state: org ? { orgPath: `/o/${org}` } : {}, session: {}, status: 404, body: undefined as unknown, type: '' } as unknown as Context;
  let rendered = false;
  cache.serve(ctx, path, snapshot, now, [], () => {
    rendered = true;
    ctx.status = 200;
    ctx.body = html;
  });
  return { rendered, body: Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : ctx.body };
}

describe('one public page cache for many organizations', () => {
  it('keeps the same path of two organizations apart', () => {
    const cache = new PublicPageCache();
    visit(cache, 'a', '/elections/x', 'page of a');
    visit(cache, 'b', '/elections/x', 'page of b');
    expect(visit(cache, 'a', '/elections/x', 'fresh')).toEqual({ rendered: false, body: 'page of a' });
    expect(visit(cache, 'b', '/elections/x', 'fresh')).toEqual({ rendered: false, body: 'page of b' });
    expect(visit(cache, '', '/elections/x', 'single organization')).toEqual({ rendered: true, body: 'single organization' });
  });

  it('drops its oldest pages to stay within its byte bound, and keeps the newer ones', () => {
    const cache = new PublicPageCache(1000, 300);
    for (const org of ['a', 'b', 'c']) visit(cache, org, '/elections', org.repeat(100));
    visit(cache, 'd', '/elections', 'd'.repeat(100));
    expect(visit(cache, 'a', '/elections', 'again').rendered).toBe(true);
    expect(visit(cache, 'c', '/elections', 'again')).toEqual({ rendered: false, body: 'c'.repeat(100) });
    expect(visit(cache, 'd', '/elections', 'again')).toEqual({ rendered: false, body: 'd'.repeat(100) });
  });

  it('keeps to its entry bound the same way', () => {
    const cache = new PublicPageCache(2);
    for (const org of ['a', 'b', 'c']) visit(cache, org, '/elections', org);
    expect(visit(cache, 'a', '/elections', 'again').rendered).toBe(true);
    expect(visit(cache, 'c', '/elections', 'again').rendered).toBe(false);
  });
});
