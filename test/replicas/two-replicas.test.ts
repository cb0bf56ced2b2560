/**
 * Two real `elekto serve` processes on one PostgreSQL database and one git meta remote, as behind a
 * load balancer: sessions work on both, a webhook received by one reaches the other through the
 * synced revision in the database, one voter racing on both replicas leaves one ballot, and the
 * database lock lets one replica sync at a time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../../src/adapters/http/webhook/index.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { MetaRemote } from './meta-remote.js';
import { type LogLine, Replica, runElekto } from './replica-process.js';

/** Two processes start, migrate and sync: generous, since the machine is shared. */
const SLOW = 120_000;

const SECRET = 'replica-webhook-secret';
const APP_KEY = randomBytes(32).toString('base64');
const VOTERS = ['alice', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

let database: ThrowawayDatabase;
let remote: MetaRemote;
let workDir: string;
let a: Replica;
let b: Replica;
let urlA: string;
let urlB: string;
let store: TypeOrmPersistence | null = null;

beforeAll(async () => {
  database = await createThrowawayDatabase('postgres');
  remote = new MetaRemote();
  remote.publishElection('first', VOTERS);
  workDir = mkdtempSync(join(tmpdir(), 'elekto-replicas-'));
  const config = database.config as { host: string; port: number; database: string; username: string };
  const env = {
    APP_ENV: 'development',
    APP_KEY,
    DB_CONNECTION: 'postgresql',
    DB_HOST: config.host,
    DB_PORT: String(config.port),
    DB_DATABASE: config.database,
    DB_USERNAME: config.username,
    META_REPO: remote.url,
    META_DRIVER: 'git',
    META_BRANCH: 'main',
    META_SECRET: SECRET,
    ELECTION_DIR: 'elections',
    IDENTITY: 'development',
    SYNC_POLL_SECONDS: '1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
    SEAL_WORKERS: '1',
  };
  runElekto(['migrate'], env, workDir);
  // Each replica has its own checkout, as on two machines.
  a = new Replica('A', { ...env, META_PATH: join(workDir, 'meta-a') }, workDir);
  b = new Replica('B', { ...env, META_PATH: join(workDir, 'meta-b') }, workDir);
  [urlA, urlB] = await Promise.all([a.ready(), b.ready()]);
}, SLOW);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await store?.close();
  await database?.drop();
  remote?.cleanup();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, SLOW);

async function pushWebhook(url: string, revision: string): Promise<Response> {
  const body = JSON.stringify({ ref: 'refs/heads/main', after: revision, repository: { full_name: 'test/meta' } });
  return fetch(`${url}/v1/webhooks/meta/sync`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) },
  });
}

/**
 * [acquired, releasing] times of one replica's holds of the sync lock, from its log. Both lines are
 * written while the lock is held and the sync runs between them.
 */
function holds(replica: Replica): Array<[number, number]> {
  const events = replica.messages(/^meta sync lock (acquired|releasing)$/);
  const spans: Array<[number, number]> = [];
  let open: LogLine | null = null;
  for (const e of events) {
    if (e.msg.endsWith('acquired')) open = e;
    else if (open) {
      spans.push([open.time, e.time]);
      open = null;
    }
  }
  return spans;
}

describe('two replicas on one PostgreSQL database', () => {
  it(
    'accept a session cookie issued by the other',
    async () => {
      const client = new TestClient(urlA);
      expect((await client.signInAs('alice')).status).toBe(302);
      const onB = await client.get(`${urlB}/app/elections/first`);
      expect(onB.status).toBe(200);
      expect(await onB.text()).toContain('You have not yet voted in this election.');
      // Without the cookie, B sends the visitor to sign in: the cookie is what carried the session.
      const anonymous = await fetch(`${urlB}/app/elections/first`, { redirect: 'manual' });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get('location')).toMatch(/\/login/);
    },
    SLOW,
  );

  it(
    'serve on one replica what a webhook synced on the other, within 10 s',
    async () => {
      expect((await fetch(`${urlB}/elections/second`)).status).toBe(404);
      const revision = remote.publishElection('second', VOTERS);
      const res = await pushWebhook(urlA, revision);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, revision, added: ['second'] });
      const synced = Date.now();
      expect((await fetch(`${urlA}/elections/second`)).status).toBe(200);

      let status = 0;
      while (Date.now() - synced < 10_000) {
        status = (await fetch(`${urlB}/elections/second`)).status;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect(Date.now() - synced).toBeLessThan(10_000);
      expect(b.messages(/another replica synced the meta repository; following/).some((l) => l.revision === revision)).toBe(true);
    },
    SLOW,
  );

  it(
    'keep exactly one ballot when one voter casts on both at once',
    async () => {
      const path = '/app/elections/first/vote';
      for (const voter of ['v1', 'v2', 'v3', 'v4', 'v5']) {
        const client = new TestClient(urlA);
        await client.signInAs(voter);
        // One form from each replica, then both submitted together.
        const tokens = [csrfTokenIn(await (await client.get(`${urlA}${path}`)).text()), csrfTokenIn(await (await client.get(`${urlB}${path}`)).text())];
        const ranking = { 'candidate@ada': '1', 'candidate@alan': '2', password: '', password_confirm: '', no_passphrase: 'cast' };
        const responses = await Promise.all([urlA, urlB].map((url, i) => client.request('POST', `${url}${path}`, { ...ranking, _csrf: tokens[i]! })));
        const statuses = responses.map((r) => r.status).sort();
        expect(statuses).toEqual([302, 409]);
        const refusal = responses.find((r) => r.status === 409)!;
        expect(await refusal.text()).toMatch(/already voted/i);
        const accepted = responses.find((r) => r.status === 302)!;
        expect(accepted.headers.get('location')).toBe('/app/elections/first/confirmation');
      }
      store = await openTypeOrmPersistence(database.config, { migrate: false, ballotPool: { appKey: APP_KEY } });
      expect(await store.ballotBox.countVoters('first')).toBe(5);
      let ballots = 0;
      for await (const _ballot of store.ballotBox.ballots('first')) ballots += 1;
      expect(ballots).toBe(5);
    },
    SLOW,
  );

  it(
    'sync one at a time when webhooks reach both at once',
    async () => {
      const revision = remote.publishElection('third', VOTERS);
      const responses = await Promise.all([urlA, urlB, urlA, urlB, urlA, urlB].map((url) => pushWebhook(url, revision)));
      const reports = (await Promise.all(responses.map((r) => r.json()))) as Array<{ ok: boolean; revision: string }>;
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(reports.every((r) => r.ok && r.revision === revision)).toBe(true);

      const spansA = holds(a);
      const spansB = holds(b);
      // Every sync since start-up, the webhooks' and the followers', held the lock...
      expect(spansA.length).toBeGreaterThanOrEqual(4);
      expect(spansB.length).toBeGreaterThanOrEqual(4);
      // ...no hold of A overlapped a hold of B (log times in ms, from one clock)...
      const overlaps = spansA.flatMap(([startA, endA]) =>
        spansB.filter(([startB, endB]) => !(endA <= startB || endB <= startA)).map((span) => `A ${startA}–${endA} overlaps B ${span[0]}–${span[1]}`),
      );
      expect(overlaps).toEqual([]);
      // ...and the replicas did collide, so the lock really made one of them wait.
      const waits = [...a.messages(/waiting for the sync lock/), ...b.messages(/waiting for the sync lock/)];
      expect(waits.length).toBeGreaterThan(0);
      for (const url of [urlA, urlB]) expect((await fetch(`${url}/elections/third`)).status).toBe(200);
    },
    SLOW,
  );
});
