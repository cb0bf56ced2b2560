/** The meta webhook on a real Koa app over loopback, with real HTTP requests. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { InMemoryElectionCatalog } from '../../src/adapters/catalog/in-memory-election-catalog.js';
import { metaWebhookRoutes, signBody } from '../../src/adapters/http/webhook/index.js';
import { FixedClock } from '../../src/adapters/system/system-clock.js';
import { InMemoryWebhookDeliveries } from '../../src/adapters/persistence/in-memory/index.js';
import { SyncMeta } from '../../src/application/meta/sync-meta.js';
import type { SyncReport } from '../../src/application/meta/sync-report.js';
import { ElectionBuilder } from '../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource, FlakyElectionRecords } from '../application/meta/sync-fakes.js';

const SECRET = 'It’s a Secret to Everybody';
const PATH = '/v1/webhooks/meta/sync';

interface Harness {
  url: string;
  server: Server;
  syncs: SyncReport[];
  source: FakeMetaSource;
  catalog: InMemoryElectionCatalog;
  logs: unknown[];
}

async function start(secret: string | undefined, maxBodyBytes?: number): Promise<Harness> {
  const source = new FakeMetaSource();
  const reader = new FakeMetaReader();
  reader.revisions.set('r1', { elections: [new ElectionBuilder().key('a').build()] });
  const catalog = new InMemoryElectionCatalog();
  const sync = new SyncMeta({ source, reader, catalog, records: new FlakyElectionRecords(), clock: new FixedClock(new Date(0)) });
  const syncs: SyncReport[] = [];
  const logs: unknown[] = [];
  const log = (obj: object, msg?: string) => logs.push({ obj, msg });
  const router = metaWebhookRoutes({
    syncMeta: {
      execute: async (r) => {
        const report = await sync.execute(r);
        syncs.push(report);
        return report;
      },
    },
    deliveries: new InMemoryWebhookDeliveries(),
    clock: new FixedClock(new Date(0)),
    secret,
    branch: 'main',
    logger: { info: log, warn: log, error: log },
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  });
  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${PATH}`, server, syncs, source, catalog, logs };
}

function post(h: Harness, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(h.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

const push = (ref = 'refs/heads/main') => JSON.stringify({ ref, after: 'abc', repository: { full_name: 'org/meta' } });

describe('POST /v1/webhooks/meta/sync', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start(SECRET);
  });
  afterEach(() => new Promise((r) => h.server.close(r)));

  it('syncs on a correctly signed push to the configured branch', async () => {
    const body = push();
    const res = await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, revision: 'r1', elections: 1, added: ['a'], database: 'synced' });
    expect(h.syncs).toHaveLength(1);
    expect(h.source.fetches).toBe(1);
    expect(h.catalog.current().revision).toBe('r1');
  });

  it('checks the signature over the exact bytes received', async () => {
    const body = '{ "ref" :\n  "refs/heads/main", "note": "caf\\u00e9 ☕" }';
    const res = await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(res.status).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['sha1 instead of sha256', `sha1=${'a'.repeat(40)}`],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['signed with another secret', signBody('another secret', push())],
    ['a signature of another body', signBody(SECRET, push('refs/heads/other'))],
  ])('answers 401 and does nothing when the signature is %s', async (_, signature) => {
    const headers: Record<string, string> = { 'X-GitHub-Event': 'push' };
    if (signature !== undefined) headers['X-Hub-Signature-256'] = signature;
    const res = await post(h, push(), headers);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/X-Hub-Signature-256/);
    expect(h.syncs).toHaveLength(0);
    expect(h.source.fetches).toBe(0);
  });

  it('answers a signed ping with 200 and no sync', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const res = await post(h, body, { 'X-GitHub-Event': 'ping', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, event: 'ping' });
    expect(h.syncs).toHaveLength(0);
  });

  it('ignores (202) a push to another branch and other events', async () => {
    const other = push('refs/heads/feature');
    const r1 = await post(h, other, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, other) });
    expect(r1.status).toBe(202);
    expect(await r1.json()).toMatchObject({ ignored: true, reason: expect.stringMatching(/refs\/heads\/feature/) });
    const tag = push('refs/tags/main');
    const r2 = await post(h, tag, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, tag) });
    expect(r2.status).toBe(202);
    const body = push();
    const r3 = await post(h, body, { 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(r3.status).toBe(202);
    expect(await r3.json()).toMatchObject({ ignored: true });
    expect(h.syncs).toHaveLength(0);
  });

  it('reads the form-encoded payload GitHub can also send', async () => {
    const body = new URLSearchParams({ payload: push() }).toString();
    const res = await post(h, body, {
      'content-type': 'application/x-www-form-urlencoded',
      'X-GitHub-Event': 'push',
      'X-Hub-Signature-256': signBody(SECRET, body),
    });
    expect(res.status).toBe(200);
    expect(h.syncs).toHaveLength(1);
  });

  it('answers 400 to a signed push whose payload is not JSON', async () => {
    const body = 'not json';
    const res = await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(res.status).toBe(400);
    expect(h.syncs).toHaveLength(0);
  });

  it('reports a failed fetch with 502 and keeps the catalog', async () => {
    const body = push();
    await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
    const before = h.catalog.current();
    h.source.revision = 'r2';
    h.source.failure = Object.assign(new Error('Meta repository x: the remote is unreachable.'), { kind: 'unreachable' });
    const res = await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ ok: false, revision: 'r1', error: { stage: 'fetch', kind: 'unreachable' } });
    expect(h.catalog.current()).toBe(before);
  });

  it('never logs the secret or the signature', async () => {
    const body = push();
    const sig = signBody(SECRET, body);
    await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': sig });
    await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody('x', body) });
    const text = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(sig.slice(7));
  });

  it('refuses other methods', async () => {
    const res = await fetch(h.url);
    expect(res.status).toBe(405);
  });
});

describe('POST /v1/webhooks/meta/sync without META_SECRET', () => {
  it.each([[undefined], ['']])('refuses every request with a 500 that says why, and never syncs (secret %p)', async (secret) => {
    const h = await start(secret);
    try {
      const body = push();
      for (const sig of [signBody('', body), undefined]) {
        const res = await post(h, body, { 'X-GitHub-Event': 'push', ...(sig ? { 'X-Hub-Signature-256': sig } : {}) });
        expect(res.status).toBe(500);
        expect(((await res.json()) as { error: string }).error).toMatch(/META_SECRET is not configured/);
      }
      expect(h.syncs).toHaveLength(0);
    } finally {
      await new Promise((r) => h.server.close(r));
    }
  });
});

describe('POST /v1/webhooks/meta/sync body cap', () => {
  it('answers 413 to a body over the cap, signed or not', async () => {
    const h = await start(SECRET, 1024);
    try {
      const body = JSON.stringify({ ref: 'refs/heads/main', pad: 'x'.repeat(4096) });
      const res = await post(h, body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) });
      expect(res.status).toBe(413);
      expect(h.syncs).toHaveLength(0);
    } finally {
      await new Promise((r) => h.server.close(r));
    }
  });
});

describe('POST /v1/webhooks/meta/sync: replays and bursts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start(SECRET);
  });
  afterEach(() => new Promise((r) => h.server.close(r)));

  const signedPush = (delivery: string) => {
    const body = push();
    return { body, headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body), 'X-GitHub-Delivery': delivery } };
  };

  it('runs one sync for a delivery replayed 50 times; every replay is answered 200 {"duplicate": true}', async () => {
    const { body, headers } = signedPush('72d3162e-cc78-11e3-81ab-4c9367dc0958');
    const first = await post(h, body, headers);
    expect(first.status).toBe(200);
    const replays = await Promise.all(Array.from({ length: 49 }, () => post(h, body, headers)));
    for (const r of replays) {
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ duplicate: true });
    }
    expect(h.syncs).toHaveLength(1);
    expect(h.source.fetches).toBe(1);
  });

  it('lets GitHub redeliver a delivery whose sync failed', async () => {
    const { body, headers } = signedPush('0f6c1c1e-0000-4000-8000-000000000001');
    h.source.failure = new Error('network down');
    expect((await post(h, body, headers)).status).toBe(502);
    h.source.failure = null;
    const again = await post(h, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true });
    expect(h.syncs).toHaveLength(2);
  });

  it('coalesces a burst of distinct pushes into one running and one queued sync', async () => {
    h.source.delayMs = 150;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(h, signedPush(`burst-${i}`).body, signedPush(`burst-${i}`).headers)));
    for (const r of answers) {
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ ok: true });
    }
    expect(h.source.fetches).toBeLessThanOrEqual(2);
    expect(h.source.fetches).toBeGreaterThanOrEqual(1);
  });
});
