import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/bootstrap/cli/main.js';
import { writeOrganizations } from '../support/organizations.js';

const KEY = '2023---board';
const PAST = { start: '2023-01-01 00:00:00', end: '2023-02-01 00:00:00' };

/** `elekto sync [--org]`, `elekto orgs`, `elekto results --org`, `elekto purge-links --org`. */
describe('the CLI with ORGANIZATIONS_FILE', () => {
  let dir: string;
  let env: string;
  let output = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const saved = process.env.ENV_FILE;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-orgs-cli-'));
    const file = writeOrganizations(dir, [
      { key: 'alpha', name: 'Alpha', default: true, elections: { [KEY]: { name: 'Alpha board 2023', voters: ['alice'], officers: ['o'], ...PAST } } },
      { key: 'beta', name: 'Beta', elections: { [KEY]: { name: 'Beta board 2023', voters: ['bob'], officers: ['o'], ...PAST } } },
    ]);
    env = join(dir, 'elekto.env');
    writeFileSync(
      env,
      [
        `DB_CONNECTION=sqlite`,
        `DB_PATH=${dir}/db.sqlite`,
        `ELECTION_DIR=elections`,
        `META_PATH=${dir}/meta`,
        `ORGANIZATIONS_FILE=${file}`,
        'LOG_LEVEL=silent',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.ENV_FILE;
    else process.env.ENV_FILE = saved;
  });
  beforeEach(() => {
    output = '';
    const capture = ((chunk: string | Uint8Array) => ((output += String(chunk)), true)) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
  });
  afterEach(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });

  const elekto = (...args: string[]) => main(['--env-file', env, ...args]);

  it('syncs every organization, or the one named, and lists them with source and revision', async () => {
    expect(await elekto('migrate')).toBe(0);
    output = '';
    expect(await elekto('orgs', '--json')).toBe(0);
    expect((JSON.parse(output) as Array<{ revision: string | null }>).map((r) => r.revision)).toEqual([null, null]);
    output = '';
    expect(await elekto('sync', '--no-fetch')).toBe(0);
    expect(output).toContain('== alpha');
    expect(output).toContain('== beta');
    expect(output).toContain('2 of 2 organizations synced');
    output = '';
    expect(await elekto('sync', '--no-fetch', '--org', 'beta', '--json')).toBe(0);
    expect(JSON.parse(output.slice(output.indexOf('{')))).toMatchObject({ ok: true });
    output = '';
    expect(await elekto('orgs', '--json')).toBe(0);
    const rows = JSON.parse(output) as Array<{ key: string; default: boolean; source: string; revision: string | null; lastSync: string | null }>;
    expect(rows.map((r) => [r.key, r.default, r.source])).toEqual([
      ['alpha', true, `folder ${dir}/meta/alpha`],
      ['beta', false, `folder ${dir}/meta/beta`],
    ]);
    expect(rows.every((r) => r.revision !== null && r.lastSync !== null)).toBe(true);
    output = '';
    expect(await elekto('sync', '--org', 'gamma')).toBe(78);
    expect(output).toContain('there is no organization "gamma" in ORGANIZATIONS_FILE. Known: alpha, beta.');
  });

  it('counts and purges the election of the organization named, and asks for --org', async () => {
    expect(await elekto('results', '--org', 'beta', KEY)).toBe(0);
    expect(output).toContain('Beta board 2023');
    expect(output).not.toContain('Alpha board 2023');
    output = '';
    expect(await elekto('results', '--org', 'alpha', KEY)).toBe(0);
    expect(output).toContain('Alpha board 2023');
    output = '';
    expect(await elekto('results', KEY)).toBe(78);
    expect(output).toContain('ORGANIZATIONS_FILE is set: name the organization with --org KEY');
    output = '';
    expect(await elekto('purge-links', '--org', 'beta', KEY)).toBe(0);
    expect(output).toContain(`${KEY}: 0 link(s) destroyed`);
  });

  it("freezes and prints each organization's own bulletin for the same election key (results --org --bulletin)", async () => {
    const digestOf = (text: string) => /bulletin digest fixed at the close \([^)]*\): ([0-9a-f]{64})/.exec(text)?.[1];
    output = '';
    expect(await elekto('results', '--org', 'beta', '--bulletin', KEY)).toBe(0);
    const beta = output;
    expect(beta).toContain('Beta board 2023');
    expect(beta).not.toContain('Alpha board 2023');
    output = '';
    expect(await elekto('results', '--org', 'alpha', '--bulletin', KEY)).toBe(0);
    const alpha = output;
    expect(alpha).toContain('Alpha board 2023');
    expect(alpha).not.toContain('THE STORED BALLOTS CHANGED');
    expect(digestOf(alpha)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(beta)).toMatch(/^[0-9a-f]{64}$/);
    // Two elections, two freezes: neither organization reads the other's digest as its own.
    expect(digestOf(alpha)).not.toBe(digestOf(beta));
    output = '';
    expect(await elekto('results', '--org', 'beta', KEY)).toBe(0);
    expect(digestOf(output)).toBe(digestOf(beta));
  });

  it('refuses to serve with a bad ORGANIZATIONS_FILE, naming the entry and the field', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'organizations:\n  - key: alpha\n    name: Alpha\n    meta_branch: "two words"\n');
    const badEnv = join(dir, 'bad.env');
    writeFileSync(
      badEnv,
      [
        `DB_CONNECTION=sqlite`,
        `DB_PATH=${dir}/db.sqlite`,
        `ELECTION_DIR=elections`,
        `META_PATH=${dir}/meta`,
        `ORGANIZATIONS_FILE=${bad}`,
        'LOG_LEVEL=silent',
        'APP_ENV=development',
        'IDENTITY=development',
        '',
      ].join('\n'),
    );
    expect(await main(['--env-file', badEnv, 'serve', '--port', '0'])).toBe(78);
    expect(output).toContain(`ORGANIZATIONS_FILE ${bad} is not valid (1 problem)`);
    expect(output).toContain('organizations[0] (alpha).meta_branch: must match pattern');
  });
});
