/**
 * Two real `elekto serve` processes on one PostgreSQL database sharing one plain meta folder
 * (META_REPO empty, as with a mounted volume): a webhook received by one reaches the other through
 * the folder revision recorded in the database, and an unchanged folder is not re-read.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { signBody } from '../../src/adapters/http/webhook/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { electionFiles } from './meta-remote.js';
import { Replica, runElekto } from './replica-process.js';

const SLOW = 120_000;
const SECRET = 'folder-replica-webhook-secret';
const VOTERS = ['alice', 'v1'];

let database: ThrowawayDatabase;
let workDir: string;
let folder: string;
let a: Replica;
let b: Replica;
let urlA: string;
let urlB: string;

function writeElection(key: string): void {
  for (const [path, text] of Object.entries(electionFiles(key, VOTERS))) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}

async function pushWebhook(url: string): Promise<Response> {
  const body = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'test/meta' } });
  return fetch(`${url}/v1/webhooks/meta/sync`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signBody(SECRET, body) },
  });
}

async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await probe()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Infinity;
}

beforeAll(async () => {
  database = await createThrowawayDatabase('postgres');
  workDir = mkdtempSync(join(tmpdir(), 'elekto-folder-replicas-'));
  folder = join(workDir, 'meta');
  writeElection('first');
  const config = database.config as { host: string; port: number; database: string; username: string };
  const env = {
    APP_ENV: 'development',
    APP_KEY: randomBytes(32).toString('base64'),
    DB_CONNECTION: 'postgresql',
    DB_HOST: config.host,
    DB_PORT: String(config.port),
    DB_DATABASE: config.database,
    DB_USERNAME: config.username,
    META_REPO: '',
    META_DRIVER: 'directory',
    META_PATH: folder,
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
  a = new Replica('A', env, workDir);
  b = new Replica('B', env, workDir);
  [urlA, urlB] = await Promise.all([a.ready(), b.ready()]);
}, SLOW);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, SLOW);

describe('two replicas sharing one plain meta folder', () => {
  it(
    'serve on one replica a folder change that a webhook synced on the other, within 5 s',
    async () => {
      expect((await fetch(`${urlB}/elections/second`)).status).toBe(404);
      writeElection('second');
      const res = await pushWebhook(urlA);
      expect(res.status).toBe(200);
      const report = (await res.json()) as { ok: boolean; revision: string; added: string[] };
      expect(report).toMatchObject({ ok: true, added: ['second'] });
      expect(report.revision).toMatch(/^[0-9a-f]{64}$/);

      const took = await within(10_000, async () => (await fetch(`${urlB}/elections/second`)).status === 200);
      if (process.env.SHOW_FOLLOW_MS) process.stderr.write(`B followed in ${took} ms\n`);
      expect(took).toBeLessThan(5_000);
      expect(b.messages(/another replica synced the meta repository; following/).some((l) => l.revision === report.revision)).toBe(true);
      // Both say they serve the folder's revision.
      for (const url of [urlA, urlB]) expect(await (await fetch(`${url}/ready`)).text()).toContain(report.revision);
    },
    SLOW,
  );

  it(
    'answer a webhook on an unchanged folder without re-reading it',
    async () => {
      const res = await pushWebhook(urlB);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, unchanged: true });
    },
    SLOW,
  );

  it(
    'follow an edit of an existing election file the same way',
    async () => {
      const file = join(folder, 'elections', 'first', 'election.yaml');
      writeFileSync(file, electionFiles('first', VOTERS)['elections/first/election.yaml']!.replace('Replica election first', 'Renamed title'));
      const res = await pushWebhook(urlB);
      expect(await res.json()).toMatchObject({ ok: true, updated: ['first'] });
      const took = await within(10_000, async () => (await (await fetch(`${urlA}/elections/first`)).text()).includes('Renamed title'));
      expect(took).toBeLessThan(5_000);
    },
    SLOW,
  );
});
