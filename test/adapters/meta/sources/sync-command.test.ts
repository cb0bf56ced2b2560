/** `elekto sync` as an operator runs it: a child process, configuration from the environment. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GitFixture } from './git-fixture.js';

const BIN = join(process.cwd(), 'bin/elekto.js');
/** Each case starts the CLI (through tsx) up to three times. */
const SLOW = 120_000;

function elekto(fx: GitFixture, args: string[], env: Record<string, string>, command = 'sync') {
  const r = spawnSync(process.execPath, [BIN, command, ...args], {
    cwd: fx.dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: fx.dir, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('elekto sync', () => {
  let fx: GitFixture;
  beforeAll(() => {
    fx = new GitFixture();
    cpSync(join(process.cwd(), 'test/fixtures/meta/elekto-meta-test'), fx.work, { recursive: true });
    fx.commit({}, 'sample');
    fx.push();
  }, SLOW);
  afterAll(() => fx.cleanup());

  const env = () => ({ META_REPO: fx.remote, META_PATH: 'meta', ELECTION_DIR: 'elections', DB_CONNECTION: 'memory' });

  it(
    'clones, reads and prints a JSON report; says plainly that the database step was skipped',
    () => {
      const r = elekto(fx, ['--json'], env());
      expect(r.stderr).toMatch(/Fetching/);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ ok: true, elections: 3, added: ['2021---GB', '2021---TOC', 'name_the_app'] });
      expect(report.database.status).toBe('skipped');
      expect(report.database.reason).toMatch(/database step was skipped/);
    },
    SLOW,
  );

  it(
    'prints a readable summary and exits 1 when the remote is gone',
    () => {
      const ok = elekto(fx, [], env());
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/Synced .* at revision [0-9a-f]{40}/);
      expect(ok.stdout).toMatch(/database: SKIPPED/);
      const gone = elekto(fx, [], { ...env(), META_REPO: join(fx.dir, 'gone.git') });
      expect(gone.code).toBe(1);
      expect(gone.stdout).toMatch(/Sync FAILED at the fetch step/);
      expect(gone.stdout).toMatch(/unreachable/);
    },
    SLOW,
  );

  it(
    'reads META_PATH as a plain directory when META_REPO is empty',
    () => {
      const r = elekto(fx, ['--json'], { ...env(), META_REPO: '', META_PATH: fx.work });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { ok: boolean; revision: string; elections: number };
      expect(report).toMatchObject({ ok: true, elections: 3 });
      expect(report.revision).toMatch(/^[0-9a-f]{64}$/);
    },
    SLOW,
  );

  it(
    'refuses a meta directory without its elections folder, even as a new process, and archives nothing',
    () => {
      const db = { DB_CONNECTION: 'sqlite', DB_PATH: join(fx.dir, 'sync.sqlite') };
      expect(elekto(fx, [], { ...env(), ...db }, 'migrate').code).toBe(0);
      expect(elekto(fx, ['--json'], { ...env(), ...db, META_REPO: '', META_PATH: fx.work }).code).toBe(0);
      const empty = join(fx.dir, 'no-elections-folder');
      mkdirSync(empty, { recursive: true });
      const r = elekto(fx, ['--json'], { ...env(), ...db, META_REPO: '', META_PATH: empty });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: false,
        error: { stage: 'read', message: expect.stringMatching(/elections folder does not exist.*restored from the database/) },
      });
      const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => {
        prepare(s: string): { all(): Array<{ key: string; archived: number }> };
        close(): void;
      };
      const sqlite = new Sqlite(db.DB_PATH);
      try {
        expect(sqlite.prepare('SELECT key, archived FROM election ORDER BY key').all()).toEqual([
          { key: '2021---GB', archived: 0 },
          { key: '2021---TOC', archived: 0 },
          { key: 'name_the_app', archived: 0 },
        ]);
      } finally {
        sqlite.close();
      }
    },
    SLOW,
  );

  it(
    'exits 78 on bad configuration and 2 on bad usage',
    () => {
      const { ELECTION_DIR: _, ...noDir } = env();
      expect(elekto(fx, [], noDir).code).toBe(78);
      expect(elekto(fx, ['--frobnicate'], env()).code).toBe(2);
    },
    SLOW,
  );
});
