/**
 * `elekto results <key> --bulletin` then `elekto verify` end to end, as a member of the public would
 * run it: ballots cast through the embedded application into a real SQLite file, the bulletin
 * printed by the operator's command, then checked (as is, tampered, against a published digest).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CliWorld, DEMO_KEY, demoBallotsDatabase } from './demo-ballots-database.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = DEMO_KEY;
let dir: string;
let world: CliWorld;
let bulletin: string;
let digest: string;

const elekto = (...args: string[]) => world.elekto(...args);

function write(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

beforeAll(async () => {
  world = await demoBallotsDatabase('elekto-verify-', [
    ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
    ['bob', ['grace-hopper', 'alan-turing', 'ada-lovelace']],
    ['carol', ['ada-lovelace', 'grace-hopper', 'alan-turing']],
    ['dave', ['alan-turing']],
  ]);
  dir = world.dir;
  const r = elekto('results', KEY, '--bulletin');
  expect(r.code).toBe(0);
  bulletin = write('bulletin.json', r.stdout);
  digest = (JSON.parse(r.stdout) as { digest: string }).digest;
  expect(r.stderr).toContain(`digest ${digest} (4 ballots)`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('elekto results --bulletin and elekto verify', () => {
  it('prints the bulletin as one JSON object: election, ballots with null for No opinion, result, digest', () => {
    const b = JSON.parse(elekto('results', KEY, '--bulletin').stdout);
    expect(Object.keys(b)).toEqual(['format', 'election', 'ballotCount', 'ballots', 'result', 'digest']);
    expect(b.digest).toBe(digest);
    expect(b.election).toMatchObject({ key: KEY, seats: 2, method: { name: 'schulze', strength: 'winning', unranked: 'no-opinion' } });
    expect(b.ballots).toContainEqual({ tracker: null, ranks: { 'ada-lovelace': null, 'alan-turing': 1, 'grace-hopper': null } });
    expect(b.result.winners).toEqual(['grace-hopper', 'ada-lovelace']);
    expect(elekto('results', KEY, '--bulletin', '--csv').code).toBe(2);
  });

  it('verifies the file as printed (exit 0), with the published digest too, and needs no configuration', () => {
    const bare = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), 'verify', bulletin, '--digest', digest.toUpperCase()], {
      cwd: dir,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(bare.stderr).toBe('');
    expect(bare.status).toBe(0);
    expect(bare.stdout).toContain(`digest ${digest} (matches the published digest)`);
    expect(bare.stdout).toContain('VERIFIED');
    expect(bare.stdout).toContain('winners grace-hopper, ada-lovelace');
  });

  it('--json prints { ok, digest, ranking, … }', () => {
    const r = elekto('verify', bulletin, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      digest,
      election: KEY,
      ballots: 4,
      ranking: [['grace-hopper'], ['ada-lovelace'], ['alan-turing']],
      winners: ['grace-hopper', 'ada-lovelace'],
      tieAtCutoff: false,
      problems: [],
      publishedDigest: null,
    });
  });

  it('a tampered file: exit 1, naming what differs', () => {
    const b = JSON.parse(elekto('results', KEY, '--bulletin').stdout);
    const original = structuredClone(b);
    const lone = b.ballots.findIndex((x: { ranks: Record<string, number | null> }) => x.ranks['grace-hopper'] === null);
    b.ballots[lone].ranks['grace-hopper'] = 1;
    const r = elekto('verify', write('tampered.json', b));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED');
    expect(r.stderr).toMatch(/elekto verify: The digest in the file \([0-9a-f]{64}\) does not match its contents/);

    b.ballots.splice(lone, 1);
    const missing = elekto('verify', write('missing.json', b), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).problems[0]).toBe('The file holds 3 ballots; its ballotCount says 4: 1 ballot missing.');

    const named = elekto('verify', write('missing.json', b), '--against', write('original.json', original));
    expect(named.stderr).toContain(
      'elekto verify: Against the reference: missing ballot, in the reference but not here: ranks {"ada-lovelace":null,"alan-turing":1,"grace-hopper":null}.',
    );
  });

  it('--digest that does not match: exit 1, both digests named', () => {
    const other = 'f'.repeat(64);
    const r = elekto('verify', bulletin, '--digest', other, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, digest, publishedDigest: other });
    expect(r.stderr).toBe(`elekto verify: The contents hash to ${digest}, not to the published digest ${other}: this is not the published bulletin.\n`);
  });

  it('bad usage and unreadable or non-JSON files', () => {
    expect(elekto('verify').code).toBe(2);
    expect(elekto('verify', bulletin, '--digest', 'abc').code).toBe(2);
    const gone = elekto('verify', join(dir, 'nope.json'));
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/cannot read .*nope\.json/);
    const text = elekto('verify', write('text.json', 'not json'));
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/text\.json is not JSON/);
    expect(elekto('--help').stdout).toMatch(/verify \[options\] <bulletin.json> +Check an election's bulletin/);
  });
});
