/**
 * `elekto results` and `elekto purge-links` end to end: `elekto migrate` a SQLite file, ballots cast
 * through the embedded application (clock set inside the 2021 voting window of the demo meta repo),
 * then both commands spawned as an operator runs them, against that file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixedClock } from '../../src/adapters/system/system-clock.js';
import { embedApplication } from '../../src/bootstrap/embed.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = '2021---steering';
let dir: string;
let env: NodeJS.ProcessEnv;

function elekto(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'elekto-cli-'));
  const dbPath = join(dir, 'elekto.sqlite');
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ENV: 'development',
    APP_KEY: 'cli-test-key-cli-test-key-cli-test-key',
    DB_CONNECTION: 'sqlite',
    DB_PATH: dbPath,
    META_PATH: join(root, 'examples/demo-meta'),
    ELECTION_DIR: 'elections',
    IDENTITY: 'development',
    LOG_LEVEL: 'error',
  };
  const migrated = elekto('migrate');
  expect(migrated.code).toBe(0);

  const app = await embedApplication({
    electionDir: 'elections',
    metaPath: join(root, 'examples/demo-meta'),
    appKey: env.APP_KEY!,
    database: { dialect: 'sqlite', path: dbPath },
    ports: { clock: new FixedClock(new Date('2021-10-05T12:00:00Z')) },
  });
  try {
    expect((await app.sync()).ok).toBe(true);
    const signIn = await app.useCase('signIn');
    const cast = await app.useCase('castBallot');
    const ballots: Array<[string, string[]]> = [
      ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
      ['bob', ['grace-hopper', 'alan-turing', 'ada-lovelace']],
      ['carol', ['ada-lovelace', 'grace-hopper', 'alan-turing']],
    ];
    for (const [login, order] of ballots) {
      const user = await signIn.execute({ login, name: login });
      await cast.execute({ user, electionKey: KEY, entries: order.map((candidate, i) => ({ candidate, rank: i + 1 })), passphrase: 'a long passphrase' });
    }
  } finally {
    await app.close();
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('elekto results and purge-links on a real database file', () => {
  it('refuses usage errors and unknown elections with their exit codes', () => {
    expect(elekto('results').code).toBe(2);
    const unknown = elekto('results', '2099---nothing');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/2099---nothing/);
    const running = elekto('results', 'mascot');
    expect(running.code).toBe(1);
  });

  it('prints the CSV export without touching the links', () => {
    const r = elekto('results', KEY, '--csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(r.stderr).not.toMatch(/destroyed/);
  });

  it('counts the ballots (Schulze) and, with delete_after, destroys nothing but says when the links go', () => {
    const r = elekto('results', KEY, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      turnout: { ballots: number; eligible: number };
      tally: { winners: string[] };
      links: { remaining: number; purgeDueAt: string };
    };
    expect(out.turnout.ballots).toBe(3);
    // grace-hopper beats both 2-1 and ada-lovelace beats alan-turing 2-1.
    expect(out.tally.winners).toEqual(['grace-hopper', 'ada-lovelace']);
    expect(out.links.remaining).toBe(3);
    expect(r.stderr).toMatch(/3 voter-to-ballot link\(s\) remain; a running `elekto serve` destroys them at \d{4}-/);
    expect(r.stderr).toContain(`elekto purge-links ${KEY}`);
    // Reading again finds them all still there: reading results destroys nothing.
    expect((JSON.parse(elekto('results', KEY, '--json').stdout) as { links: { remaining: number } }).links.remaining).toBe(3);
    expect(elekto('results', '--help').stdout).toMatch(/Reading results changes nothing/);
  });

  it('purge-links destroys them and keeps the ballots; a second run finds nothing left', () => {
    const r = elekto('purge-links', KEY, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ purged: 3, ballots: 3 });
    expect(JSON.parse(elekto('purge-links', KEY, '--json').stdout)).toMatchObject({ purged: 0, ballots: 3 });
    const md = elekto('results', KEY, '--markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('grace-hopper');
    expect(md.stderr).not.toMatch(/remain/);
  });
});
