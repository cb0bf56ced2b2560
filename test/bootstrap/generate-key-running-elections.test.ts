/**
 * `elekto generate-key` against a real database: ballot links sealed under the current APP_KEY
 * (peppered) would no longer open under a new one, so while an election holding such links still
 * runs, the command refuses to write a key unless `--force` is given. The demo meta repository
 * has `mascot` running until 2030 and `2021---steering` long completed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixedClock } from '../../src/adapters/system/system-clock.js';
import { openTypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import { main } from '../../src/bootstrap/cli/main.js';
import { databaseConfig } from '../../src/bootstrap/config/database-config.js';
import { type EmbeddedApplication, embedApplication } from '../../src/bootstrap/embed.js';
import type { Clock } from '../../src/application/ports/clock.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';

const root = resolve(import.meta.dirname, '../..');
const APP_KEY = '6c1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19';
const PASSPHRASE = 'violet harbour quantum teapot 91';

function databaseLines(database: ThrowawayDatabase): string[] {
  const c = database.config;
  if (c.dialect === 'sqlite') return ['DB_CONNECTION=sqlite', `DB_PATH=${c.path}`];
  return [
    `DB_CONNECTION=${c.dialect === 'postgres' ? 'postgresql' : 'mysql'}`,
    `DB_HOST=${c.host}`,
    `DB_PORT=${c.port}`,
    `DB_DATABASE=${c.database}`,
    `DB_USERNAME=${c.username}`,
  ];
}

async function generateKey(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = (s: string) => ((stdout += s), true);
  process.stderr.write = (s: string) => ((stderr += s), true);
  try {
    // Only the dotenv file configures the command: the test runner's own environment stays out.
    const code = await main(['generate-key', ...argv], { env: {} });
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function openApp(lines: string[], appKey: string, clock?: Clock): Promise<EmbeddedApplication> {
  const env = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const app = await embedApplication({
    electionDir: 'elections',
    metaPath: join(root, 'examples/demo-meta'),
    appKey,
    database: databaseConfig(env, root, []),
    ...(clock ? { ports: { clock } } : {}),
  });
  expect((await app.sync()).ok).toBe(true);
  return app;
}

async function vote(lines: string[], electionKey: string, login: string, clock?: Clock): Promise<void> {
  const app = await openApp(lines, APP_KEY, clock);
  try {
    const user = await (await app.useCase('signIn')).execute({ login, name: login });
    const candidate = electionKey === 'mascot' ? 'kelp' : 'ada-lovelace';
    await (await app.useCase('castBallot')).execute({ user, electionKey, entries: [{ candidate, rank: 1 }], passphrase: PASSPHRASE });
  } finally {
    await app.close();
  }
}

describe.each(DATABASE_KINDS)('elekto generate-key with a %s database', (kind) => {
  let database: ThrowawayDatabase;
  let dir: string;
  let file: string;
  let original: string;
  let db: string[];

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    await (await openTypeOrmPersistence(database.config, { migrate: true })).close();
    dir = mkdtempSync(join(tmpdir(), 'elekto-key-db-'));
    file = join(dir, '.env');
    db = databaseLines(database);
    original = [
      'APP_ENV=development',
      `APP_KEY=${APP_KEY}`,
      'IDENTITY=development',
      `META_PATH=${join(root, 'examples/demo-meta')}`,
      'ELECTION_DIR=elections',
      'LOG_LEVEL=error',
      ...db,
      '',
    ].join('\n');
    writeFileSync(file, original);
    await vote(db, '2021---steering', 'bob', new FixedClock(new Date('2021-10-05T12:00:00Z')));
    await vote(db, 'mascot', 'alice');
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to replace APP_KEY while a running election holds links sealed with it', async () => {
    const r = await generateKey('--env-file', file);
    expect(r.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(r.stderr).toMatch(/mascot/);
    expect(r.stderr).toMatch(/1 ballot link/);
    expect(r.stderr).toMatch(/--force/);
    // The completed election is named as a consequence, but does not block on its own.
    expect(r.stderr).toMatch(/2021---steering/);
    expect(r.stderr).not.toContain(APP_KEY);
  }, 60_000);

  it('writes the key with --force, after saying which links it strands', async () => {
    const r = await generateKey('--env-file', file, '--force');
    expect(r.code).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written).not.toBe(original);
    expect(written).toMatch(/^APP_KEY=[0-9a-f]{64}$/m);
    expect(r.stderr).toMatch(/mascot/);
    // Under the new key nothing is left to strand: the next rotation goes through without --force.
    const again = await generateKey('--env-file', file);
    expect(again.code).toBe(0);
  }, 60_000);

  it('tells a voter whose link was sealed under the old key so, not that their passphrase is wrong; the old key opens it', async () => {
    const newKey = /^APP_KEY=([0-9a-f]{64})$/m.exec(readFileSync(file, 'utf8'))![1]!;
    const view = async (appKey: string) => {
      const app = await openApp(db, appKey);
      try {
        const user = await (await app.useCase('signIn')).execute({ login: 'alice', name: 'alice' });
        return await (await app.useCase('viewBallot')).execute({ user, electionKey: 'mascot', passphrase: PASSPHRASE });
      } finally {
        await app.close();
      }
    };
    await expect(view(newKey)).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK', message: expect.stringMatching(/server key \(APP_KEY\)/) });
    const ballot = await view(APP_KEY);
    expect(ballot.entries.find((e) => e.rank === 1)?.candidate).toBe('kelp');
  }, 60_000);
});
