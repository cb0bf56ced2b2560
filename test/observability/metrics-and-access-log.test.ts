import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestIdFor } from '../../src/adapters/http/middleware/access-log.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { startMetrics, type RunningMetrics } from '../../src/bootstrap/serve/start-metrics.js';
import { type RunningApp, startApp, writeElection } from '../faults/fault-app.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../support/passphrases.js';

const KEY = 'observed-board-2026';
const VOTER = 'alice-observed';
const OTHER = 'bob-observed';
const path = `/app/elections/${KEY}`;

/** Counts every request it sends, so the access log can be held to one line per request. */
class CountingClient extends TestClient {
  static sent = 0;
  override request(...args: Parameters<TestClient['request']>): Promise<Response> {
    CountingClient.sent += 1;
    return super.request(...args);
  }
}

/** `name{labels} value` lines of the exposition text, as a lookup. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const body = open >= 0 && open < line.indexOf(' ') ? line.slice(open + 1, line.lastIndexOf('}')) : '';
    const have = Object.fromEntries([...body.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('operators see what runs: the metrics listener and the access log', () => {
  let dir: string;
  let running: RunningApp;
  let metrics: RunningMetrics;
  let scraped: string;
  let failedOutcome: string;
  const secrets: string[] = [];
  const responses: Response[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-observed-'));
    writeElection(join(dir, 'meta'), KEY, { name: 'Observed board', voters: [VOTER, OTHER], candidates: ['x', 'y'] });
    running = await startApp({ DB_CONNECTION: 'memory', META_PATH: join(dir, 'meta'), METRICS_PORT: '9464' });
    metrics = (await startMetrics(running.app, { host: '127.0.0.1', port: 0 }))!;

    const alice = new CountingClient(running.baseUrl);
    const keep = async (r: Promise<Response>) => {
      const res = await r;
      await res.clone().arrayBuffer();
      responses.push(res);
      return res;
    };
    await keep(alice.signInAs(VOTER));
    const ballot = { 'candidate@x': '1', 'candidate@y': '2', password: STRONG_PASSPHRASE, password_confirm: STRONG_PASSPHRASE };
    // Cast: one accepted, one refused (already voted).
    expect((await keep(alice.submit(`${path}/vote`, `${path}/vote`, ballot))).status).toBe(302);
    const page = await alice.get(path);
    const token = csrfTokenIn(await page.text());
    secrets.push(
      token,
      STRONG_PASSPHRASE,
      OTHER_STRONG_PASSPHRASE,
      ...Object.values(Object.fromEntries(alice.cookieNames().map((n) => [n, alice.rawCookie(n)!]))),
    );
    expect((await keep(alice.request('POST', `${path}/vote`, new URLSearchParams({ ...ballot, _csrf: token })))).status).toBe(409);
    // View: a wrong passphrase, then the right one. Revoke: the right one.
    expect((await keep(alice.request('POST', `${path}/vote/view`, new URLSearchParams({ _csrf: token, password: OTHER_STRONG_PASSPHRASE })))).status).toBe(403);
    expect((await keep(alice.request('POST', `${path}/vote/view`, new URLSearchParams({ _csrf: token, password: STRONG_PASSPHRASE })))).status).toBe(200);
    expect(
      (await keep(alice.request('POST', `${path}/vote/edit`, new URLSearchParams({ _csrf: token, password: STRONG_PASSPHRASE, confirm_revoke: 'yes' }))))
        .status,
    ).toBe(302);
    // Signed out, with a good form token: the sign-in guard answers 401 before the route runs.
    const anonymous = new CountingClient(running.baseUrl);
    const anonymousToken = csrfTokenIn(await (await keep(anonymous.get('/login'))).text());
    secrets.push(anonymousToken, ...anonymous.cookieNames().map((n) => anonymous.rawCookie(n)!));
    expect((await keep(anonymous.request('POST', `${path}/vote`, new URLSearchParams({ ...ballot, _csrf: anonymousToken })))).status).toBe(401);
    // A cast without a form token, an OAuth callback with a code, a webhook with a signature, a stray path.
    const stranger = new CountingClient(running.baseUrl);
    expect((await keep(stranger.request('POST', `${path}/vote`, new URLSearchParams(ballot)))).status).toBe(403);
    await keep(stranger.get('/oauth/github/callback?code=oauth-code-7f3a9c&state=oauth-state-51d2'));
    await keep(
      stranger.request(
        'POST',
        '/v1/webhooks/meta/sync',
        { ref: 'refs/heads/main' },
        { 'x-hub-signature-256': 'sha256=5ec7e75197a7f1e5ec7e75197a7f1e', 'x-github-event': 'push', 'x-request-id': 'from-the-client-1' },
      ),
    );
    await keep(stranger.get('/no/such/page', { authorization: 'Bearer bearer-token-c0ffee' }));
    secrets.push('oauth-code-7f3a9c', 'oauth-state-51d2', '5ec7e75197a7f1e5ec7e75197a7f1e', 'bearer-token-c0ffee');
    // The public port does not serve the metrics, however asked.
    for (const p of ['/metrics', '/metrics/', '/metrics?format=text']) expect((await keep(stranger.get(p))).status).toBe(404);

    // A sync that fails: the meta folder is gone.
    renameSync(join(dir, 'meta'), join(dir, 'meta-gone'));
    const failed = await (await running.app.get(TOKENS.SyncMeta)).execute({ fetch: false });
    expect(failed.ok).toBe(false);
    failedOutcome = `${failed.error!.stage}_failed`;

    scraped = await (await fetch(metrics.url)).text();
    await new Promise((r) => setTimeout(r, 50)); // the last access-log lines are written on 'finish'
  }, 120_000);

  afterAll(async () => {
    await metrics?.close();
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts casts, views and revokes by outcome', () => {
    expect(sample(scraped, 'elekto_ballots_cast_total', { outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'elekto_ballots_cast_total', { outcome: 'conflict' })).toBe(1);
    expect(sample(scraped, 'elekto_ballots_viewed_total', { outcome: 'forbidden' })).toBe(1);
    expect(sample(scraped, 'elekto_ballots_viewed_total', { outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'elekto_ballots_revoked_total', { outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'elekto_ballots_cast_total', { outcome: 'signed_out' })).toBe(1);
    // Refused by the CSRF check before any route: not a cast.
    expect(sample(scraped, 'elekto_ballots_cast_total', { outcome: 'forbidden' })).toBeUndefined();
  });

  it('times requests by route template and status, never by path', () => {
    expect(sample(scraped, 'elekto_http_request_duration_seconds_count', { method: 'POST', route: '/app/elections/:key/vote', status: '302' })).toBe(1);
    expect(sample(scraped, 'elekto_http_request_duration_seconds_count', { method: 'POST', route: '/app/elections/:key/vote/view', status: '403' })).toBe(1);
    expect(sample(scraped, 'elekto_http_request_duration_seconds_count', { method: 'GET', route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(4);
  });

  it('shows the key derivations, the meta sync and the process', () => {
    // The cast, both views (a wrong passphrase is found out by deriving) and the revoke.
    expect(sample(scraped, 'elekto_kdf_queue_wait_seconds_count')).toBe(4);
    expect(sample(scraped, 'elekto_kdf_queue_depth')).toBe(0);
    expect(sample(scraped, 'elekto_meta_syncs_total', { outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'elekto_meta_sync_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'elekto_meta_syncs_total', { outcome: failedOutcome })).toBe(1);
    const last = sample(scraped, 'elekto_meta_sync_last_success_timestamp_seconds')!;
    expect(Math.abs(last - Date.now() / 1000)).toBeLessThan(300);
    expect(sample(scraped, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(scraped, 'nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  it('holds no election key, no login and no secret', () => {
    for (const word of [KEY, 'observed', VOTER, OTHER, ...secrets]) expect(scraped).not.toContain(word);
  });

  it('answers only GET /metrics on the metrics listener', async () => {
    expect((await fetch(metrics.url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(metrics.url, { method: 'POST' })).status).toBe(404);
  });

  it('writes one access-log line per request, with the id the response carries', () => {
    const lines = running.log.records.filter((r) => 'responseTime' in r);
    expect(lines).toHaveLength(CountingClient.sent);
    const ids = lines.map((r) => r['reqId']);
    expect(new Set(ids).size).toBe(lines.length);
    for (const res of responses) expect(ids).toContain(res.headers.get('x-request-id'));
    for (const r of lines) expect(Object.keys(r).sort()).toEqual(['level', 'method', 'msg', 'path', 'reqId', 'responseTime', 'status', 'time']);
    // Without TRUST_PROXY a client's own id is not believed.
    expect(ids).not.toContain('from-the-client-1');
    expect(lines.find((r) => r['path'] === '/oauth/github/callback')).toMatchObject({ method: 'GET', status: 404 });
  });

  it('never logs a cookie, session, CSRF token, passphrase, OAuth code or webhook signature', () => {
    const text = running.log.records.map((r) => JSON.stringify(r)).join('\n');
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/cookie|set-cookie|x-hub-signature|authorization/i);
  });
});

describe('request ids', () => {
  it("keep a proxy's sane X-Request-Id only when the proxy is trusted", () => {
    expect(requestIdFor('edge-42', true)).toBe('edge-42');
    expect(requestIdFor('edge-42', false)).not.toBe('edge-42');
    expect(requestIdFor('bad id\nwith newline', true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor('x'.repeat(101), true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
