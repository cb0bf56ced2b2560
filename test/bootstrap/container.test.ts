import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { embedApplication } from '../../src/bootstrap/embed.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { openApplication } from '../../src/bootstrap/open-application.js';
import { TOKENS, type Token } from '../../src/bootstrap/tokens.js';
import { USE_CASES } from '../../src/bootstrap/use-case-tokens.js';
import { FixedClock } from '../../src/adapters/system/system-clock.js';

const DEMO_META = resolve('examples/demo-meta');
const quiet = createLogger({ level: 'silent', format: 'json' });
const ALL: Array<[string, Token<unknown>]> = [...Object.entries(TOKENS).filter(([name]) => name !== 'TypeOrm'), ...Object.entries(USE_CASES)];

function env(extra: Record<string, string>): Record<string, string> {
  return { APP_ENV: 'development', APP_KEY: 'k'.repeat(64), ELECTION_DIR: 'elections', META_PATH: DEMO_META, IDENTITY: 'development', ...extra };
}

async function resolvesAll(extra: Record<string, string>): Promise<string[]> {
  const app = await openApplication(loadConfig({ env: env(extra), envFile: false }), { logger: quiet });
  const failed: string[] = [];
  try {
    for (const [name, token] of ALL) {
      try {
        if ((await app.get(token)) == null) failed.push(`${name}: empty`);
      } catch (e) {
        failed.push(`${name}: ${(e as Error).message}`);
      }
    }
  } finally {
    await app.close();
  }
  return failed;
}

describe('the container', () => {
  const dir = mkdtempSync(join(tmpdir(), 'elekto-container-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves every token with in-memory persistence and the development sign-in', async () => {
    expect(await resolvesAll({ DB_CONNECTION: 'memory' })).toEqual([]);
  });

  it('resolves every token with SQLite (migrated by `elekto migrate` or, here, by the demo flag)', async () => {
    const config = loadConfig({ env: env({ DB_CONNECTION: 'sqlite', DB_PATH: join(dir, 'c.sqlite') }), envFile: false });
    const app = await openApplication({ ...config, demo: true }, { logger: quiet });
    try {
      for (const [, token] of ALL) expect(await app.get(token)).toBeTruthy();
      expect(await (await app.get(TOKENS.ElectionRecords)).list()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('resolves every token with GitHub OAuth and the git meta source (nothing fetched until asked)', async () => {
    const failed = await resolvesAll({
      DB_CONNECTION: 'memory',
      IDENTITY: 'github',
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
      META_REPO: 'https://example.invalid/meta.git',
      META_PATH: join(dir, 'checkout'),
    });
    expect(failed).toEqual([]);
  });

  it('lets a caller replace whole ports', async () => {
    const clock = new FixedClock(new Date('2030-01-01T00:00:00Z'));
    const app = await openApplication(loadConfig({ env: env({ DB_CONNECTION: 'memory' }), envFile: false }), {
      logger: quiet,
      overrides: { clock },
    });
    expect(await app.get(TOKENS.Clock)).toBe(clock);
    await app.close();
  });

  it('serves the demo meta through the embedding API without Koa', async () => {
    const app = await embedApplication({ electionDir: 'elections', metaPath: DEMO_META, appKey: 'x'.repeat(32) });
    const report = await app.sync();
    expect(report.ok).toBe(true);
    expect(report.elections).toBe(4);
    const list = await app.useCase('listElections');
    const keys = list.execute({}).elections.map((e: { key: string }) => e.key);
    expect(keys).toEqual(expect.arrayContaining(['2025---steering', '2021---steering', '2031---code-of-conduct', 'mascot']));
    await app.close();
  });
});
