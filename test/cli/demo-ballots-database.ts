import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixedClock } from '../../src/adapters/system/system-clock.js';
import { embedApplication } from '../../src/bootstrap/embed.js';

const root = resolve(import.meta.dirname, '../..');
/** The demo meta's completed election, whose voting window the clock below falls in. */
export const DEMO_KEY = '2021---steering';

export interface CliWorld {
  readonly dir: string;
  /** Runs `bin/elekto.js` as an operator would, against the world's database file. */
  elekto(...args: string[]): { code: number | null; stdout: string; stderr: string };
}

/**
 * A temp folder with a SQLite file migrated by `elekto migrate`, the demo meta synced into it and one
 * ballot per entry of `ballots` (login → candidate ids in order) cast through the embedded application
 * with the clock inside the 2021 voting window.
 */
export async function demoBallotsDatabase(
  prefix: string,
  ballots: ReadonlyArray<readonly [string, readonly string[]]>,
  /** Another meta checkout shaped like the demo (say a copy with the election's method changed). */
  metaPath = join(root, 'examples/demo-meta'),
): Promise<CliWorld> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'elekto.sqlite');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ENV: 'development',
    APP_KEY: 'cli-test-key-cli-test-key-cli-test-key',
    DB_CONNECTION: 'sqlite',
    DB_PATH: dbPath,
    META_PATH: metaPath,
    ELECTION_DIR: 'elections',
    IDENTITY: 'development',
    LOG_LEVEL: 'error',
  };
  const elekto = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const migrated = elekto('migrate');
  if (migrated.code !== 0) throw new Error(`elekto migrate failed: ${migrated.stderr}`);
  const app = await embedApplication({
    electionDir: 'elections',
    metaPath,
    appKey: env['APP_KEY']!,
    database: { dialect: 'sqlite', path: dbPath },
    ports: { clock: new FixedClock(new Date('2021-10-05T12:00:00Z')) },
  });
  try {
    if (!(await app.sync()).ok) throw new Error('the demo meta did not sync');
    const signIn = await app.useCase('signIn');
    const cast = await app.useCase('castBallot');
    for (const [login, order] of ballots) {
      const user = await signIn.execute({ login, name: login });
      await cast.execute({ user, electionKey: DEMO_KEY, entries: order.map((candidate, i) => ({ candidate, rank: i + 1 })), passphrase: 'a long passphrase' });
    }
  } finally {
    await app.close();
  }
  return { dir, elekto };
}
