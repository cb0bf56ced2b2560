/**
 * Issue 10, "A restart must not forget the elections": the meta source is broken or missing when
 * the server starts again. While serving, such a source is refused and the last good catalog keeps
 * serving; after a restart the same must hold. The last good catalog is saved in the database at
 * each sync, restored at start-up, served with /ready saying it is stale and why, and no election
 * row is archived because a source vanished.
 *
 * The app is the real one (container, parser, Koa, git binary) on each SQL database.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';
import { type RunningApp, startApp, writeElection } from './fault-app.js';

interface Ready {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
  lastSync?: { ok: boolean; at: string; revision: string | null; detail: string };
  stale?: { since: string | null; restored: boolean; reason: string };
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** The environment that points the app at a throwaway database. */
function databaseEnv(d: ThrowawayDatabase): Record<string, string> {
  const c = d.config;
  if (c.dialect === 'sqlite') return { DB_CONNECTION: 'sqlite', DB_PATH: c.path };
  const scheme = c.dialect === 'postgres' ? 'postgresql' : 'mysql';
  return { DATABASE_URL: `${scheme}://${c.username}@${c.host}:${c.port}/${c.database}` };
}

async function migrated(kind: (typeof DATABASE_KINDS)[number]): Promise<ThrowawayDatabase> {
  const d = await createThrowawayDatabase(kind);
  // `elekto migrate` is a separate step in production; the same migrations here.
  const { dataSource } = await openMigrated(d.config);
  await dataSource.destroy();
  return d;
}

const get = async (app: RunningApp, path: string) => {
  const res = await fetch(`${app.baseUrl}${path}`);
  return { status: res.status, text: await res.text() };
};
const ready = async (app: RunningApp): Promise<{ status: number; body: Ready }> => {
  const res = await fetch(`${app.baseUrl}/ready`);
  return { status: res.status, body: (await res.json()) as Ready };
};
const archived = async (app: RunningApp): Promise<string[]> =>
  (await (await app.app.get(TOKENS.ElectionRecords)).list()).filter((r) => r.archived).map((r) => r.key);

/** What every restart against a broken source must show: the old catalog, stale, nothing archived. */
async function expectLastGoodServed(app: RunningApp, reason: RegExp): Promise<void> {
  const list = await get(app, '/elections');
  expect(list.text).not.toContain('No Elections found');
  expect(list.text).toContain('Alpha vote');
  expect(list.text).toContain('Beta vote');
  const alpha = await get(app, '/elections/alpha');
  expect(alpha.status).toBe(200);
  expect(alpha.text).toContain('Alpha vote');
  expect((await get(app, '/elections/beta')).status).toBe(200);

  const r = await ready(app);
  expect(r.status).toBe(200);
  expect(r.body.checks['meta']).toMatchObject({ ok: true, detail: expect.stringMatching(/^2 elections .*restored from the database/) });
  expect(r.body.stale).toMatchObject({ restored: true, reason: expect.stringMatching(reason) });
  expect(r.body.stale!.since).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  expect(r.body.lastSync).toMatchObject({ ok: false, detail: expect.stringMatching(/the catalog restored from the database .*keeps serving/) });
  expect(await archived(app)).toEqual([]);
  // The operator reads it in the start-up log too.
  expect(app.log.matching(/restored from the database/, 40)).not.toHaveLength(0);
}

describe.each(DATABASE_KINDS)('restarting against a broken meta directory on %s', (kind) => {
  let dir: string;
  let meta: string;
  let database: ThrowawayDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await migrated(kind);
    dir = mkdtempSync(join(tmpdir(), 'elekto-fault-restart-'));
    meta = join(dir, 'meta');
    writeElection(meta, 'alpha', { name: 'Alpha vote', voters: ['ann'], candidates: ['x', 'y'] });
    writeElection(meta, 'beta', { name: 'Beta vote', voters: ['ann'], candidates: ['x', 'y'] });
    env = { ...databaseEnv(database), META_PATH: meta };
    // The first life of the server: it reads the meta and stops.
    const first = await startApp(env);
    expect((await get(first, '/elections/alpha')).status).toBe(200);
    await first.close();
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const restart = async (check: (app: RunningApp) => Promise<void>): Promise<void> => {
    const app = await startApp(env, { firstSyncMayFail: true });
    try {
      await check(app);
    } finally {
      await app.close();
    }
  };

  it('serves the last good catalog when the elections folder is missing at start-up', async () => {
    renameSync(join(meta, 'elections'), join(meta, 'elections.away'));
    try {
      await restart((app) => expectLastGoodServed(app, /read step failed/));
    } finally {
      renameSync(join(meta, 'elections.away'), join(meta, 'elections'));
    }
  });

  it('serves the last good catalog when META_PATH has vanished at start-up', async () => {
    renameSync(meta, `${meta}.away`);
    try {
      await restart((app) => expectLastGoodServed(app, /fetch step failed \(missing-directory\)/));
    } finally {
      renameSync(`${meta}.away`, meta);
    }
  });

  it('keeps the last good version of an election whose election.yaml is broken at start-up', async () => {
    const file = join(meta, 'elections', 'alpha', 'election.yaml');
    writeElection(meta, 'beta', { name: 'Beta vote, second edition', voters: ['ann'], candidates: ['x', 'y'] });
    writeFileSync(file, 'name: [Alpha renamed\nstart_datetime: : :\n');
    try {
      await restart(async (app) => {
        const alpha = await get(app, '/elections/alpha');
        expect(alpha.status).toBe(200);
        expect(alpha.text).toContain('Alpha vote');
        expect((await get(app, '/elections/beta')).text).toContain('Beta vote, second edition');
        const r = await ready(app);
        expect(r.body.lastSync).toMatchObject({ ok: false, detail: expect.stringMatching(/alpha \(last good version kept\)/) });
        expect(await archived(app)).toEqual([]);
      });
    } finally {
      writeElection(meta, 'alpha', { name: 'Alpha vote', voters: ['ann'], candidates: ['x', 'y'] });
      writeElection(meta, 'beta', { name: 'Beta vote', voters: ['ann'], candidates: ['x', 'y'] });
    }
  });

  it('still accepts an elections folder that really holds no election (and archives the rows)', async () => {
    renameSync(join(meta, 'elections'), join(meta, 'elections.away'));
    mkdirSync(join(meta, 'elections'));
    try {
      await restart(async (app) => {
        expect((await get(app, '/elections')).text).toContain('No Elections found');
        const r = await ready(app);
        expect(r.body.lastSync).toMatchObject({ ok: true });
        expect(r.body.stale).toBeUndefined();
        expect(await archived(app)).toEqual(['alpha', 'beta']);
      });
    } finally {
      rmSync(join(meta, 'elections'), { recursive: true });
      renameSync(join(meta, 'elections.away'), join(meta, 'elections'));
    }
  });
});

describe('restarting against a git revision without the elections folder', () => {
  let dir: string;
  let database: ThrowawayDatabase;

  beforeAll(async () => {
    database = await migrated('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'elekto-fault-restart-git-'));
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the last good revision after a restart and archives nothing', async () => {
    const author = join(dir, 'author');
    const remote = join(dir, 'remote.git');
    writeElection(author, 'alpha', { name: 'Alpha vote', voters: ['ann'], candidates: ['x', 'y'] });
    writeElection(author, 'beta', { name: 'Beta vote', voters: ['ann'], candidates: ['x', 'y'] });
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    git(author, 'init', '--quiet', '--initial-branch=main');
    const push = (message: string): string => {
      git(author, 'add', '--all');
      git(author, 'commit', '--quiet', '-m', message);
      git(author, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
      return git(author, 'rev-parse', 'HEAD');
    };
    const good = push('first revision');
    const env = { ...databaseEnv(database), META_REPO: remote, META_PATH: join(dir, 'checkout'), META_BRANCH: 'main' };
    await (await startApp(env)).close();

    rmSync(join(author, 'elections'), { recursive: true });
    writeFileSync(join(author, 'README.md'), 'the elections folder was moved by mistake\n');
    push('move the elections away');

    const app = await startApp(env, { firstSyncMayFail: true });
    try {
      await expectLastGoodServed(app, /read step failed/);
      expect((await ready(app)).body.checks['meta']!.detail).toContain(good);
    } finally {
      await app.close();
    }
  });
});

describe('restarting with nothing saved and no meta directory', () => {
  it('says that nothing is served instead of claiming an earlier catalog keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-fault-restart-none-'));
    const database = await migrated('sqlite');
    const app = await startApp({ ...databaseEnv(database), META_PATH: join(dir, 'gone') }, { firstSyncMayFail: true });
    try {
      const r = await ready(app);
      expect(r.status).toBe(503);
      expect(r.body.checks['meta']).toMatchObject({ ok: false });
      expect(r.body.lastSync!.detail).toMatch(/fetch step failed \(missing-directory\); nothing is served/);
      expect(r.body.lastSync!.detail).not.toMatch(/keeps serving/);
      expect(r.body.stale).toMatchObject({ restored: false, since: null });
    } finally {
      await app.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
