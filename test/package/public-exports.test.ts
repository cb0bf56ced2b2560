import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// `npm test` builds dist first; this imports the package by its own name, as an embedder would.
const script = `
  const domain = await import('elekto-ts/domain');
  const app = await import('elekto-ts/application');
  const embed = await import('elekto-ts/embed');
  const login = domain.normaliseLogin(' @Alice ');
  const embedded = await embed.embedApplication({ electionDir: 'elections', metaPath: 'examples/demo-meta', appKey: 'k'.repeat(32) });
  const report = await embedded.sync();
  const list = await embedded.useCase('listElections');
  const elections = list.execute({});
  await embedded.close();
  console.log(JSON.stringify({
    login,
    useCases: ['CastBallot', 'ComputeResults', 'SyncMeta'].filter((n) => typeof app[n] === 'function'),
    synced: report.ok,
    elections: Array.isArray(elections) ? elections.length : Object.values(elections).flat().length,
  }));
`;

describe('the package entry points', () => {
  it('names built JavaScript with types for domain, application and embed', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    for (const entry of ['./domain', './application', './embed']) {
      expect(pkg.exports[entry]!.default).toMatch(/^\.\/dist\/.+\.js$/);
      expect(pkg.exports[entry]!.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
    }
  });

  it('imports in plain Node without a TypeScript loader and runs an embedded application', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { login: string; useCases: string[]; synced: boolean; elections: number };
    expect(result.login).toBe('alice');
    expect(result.useCases).toEqual(['CastBallot', 'ComputeResults', 'SyncMeta']);
    expect(result.synced).toBe(true);
    expect(result.elections).toBeGreaterThan(0);
  });
});
