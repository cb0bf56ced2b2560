import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The package as an embedder gets it: `npm pack` (dist/ is built by `npm test` first), the tarball
 * installed with `--omit=dev` into an empty project, and there imported in plain Node. Install
 * scripts are skipped (no native build of better-sqlite3 is needed in memory), packages come from
 * npm's cache when it has them.
 */
const root = resolve('.');
let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'elekto-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  files = packed[0]!.files.map((f) => f.path);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'embedder', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', join(dir, packed[0]!.filename), '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('carries the built JavaScript with types, bin/, the JSON Schemas and the example meta, and no tests', () => {
    for (const f of [
      'dist/domain/index.js',
      'dist/domain/index.d.ts',
      'dist/bootstrap/embed.js',
      'dist/bootstrap/testing.d.ts',
      'bin/elekto.js',
      'docs/schemas/election.schema.json',
      'examples/demo-meta/elections',
    ]) {
      expect(files.some((p) => p === f || p.startsWith(`${f}/`))).toBe(true);
    }
    expect(files.filter((p) => p.startsWith('test/') || /\.test\.[jt]s$/.test(p))).toEqual([]);
    expect(files.filter((p) => p.startsWith('src/') || p.startsWith('bench/'))).toEqual([]);
  });

  it('installs without dev packages and runs an embedded application in plain Node', () => {
    const script = `
      const domain = await import('elekto-ts/domain');
      const embed = await import('elekto-ts/embed');
      const testing = await import('elekto-ts/testing');
      const { createRequire } = await import('node:module');
      const metaPath = createRequire(import.meta.url).resolve('elekto-ts/package.json').replace(/package\\.json$/, 'examples/demo-meta');
      const app = await embed.embedApplication({ electionDir: 'elections', metaPath, appKey: 'k'.repeat(32), ports: { clock: new testing.FixedClock(new Date('2030-01-01T00:00:00Z')) } });
      const report = await app.sync();
      const list = await (await app.useCase('listElections')).execute({});
      await app.close();
      let dev = [];
      for (const name of ['typescript', 'tsx', 'jest']) { try { await import(name); dev.push(name); } catch {} }
      console.log(JSON.stringify({ login: domain.normaliseLogin(' @Alice '), synced: report.ok, elections: Object.values(list).flat().length, users: typeof testing.InMemoryUsers, dev }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { login: string; synced: boolean; elections: number; users: string; dev: string[] };
    expect(result).toEqual({ login: 'alice', synced: true, elections: expect.any(Number), users: 'function', dev: [] });
    expect(result.elections).toBeGreaterThan(0);
  });

  it('runs its command line from the installed package (dist/, no TypeScript loader)', () => {
    const meta = join(dir, 'node_modules', 'elekto-ts', 'examples', 'demo-meta');
    const out = execFileSync(join(dir, 'node_modules', '.bin', 'elekto'), ['check-meta', meta], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(out).toMatch(/election/i);
  });
});
