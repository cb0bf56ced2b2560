/**
 * An STV election's bulletin end to end (issues 15 and 16): the demo election counted by Meek STV,
 * ballots cast into a real SQLite file, the bulletin frozen at first use and printed by
 * `elekto results --bulletin`, then `elekto verify` recounting it with the same STV engine.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CliWorld, DEMO_KEY, demoBallotsDatabase } from './demo-ballots-database.js';

// better-sqlite3 ships no types: the little of it used here, typed by hand.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  close(): void;
};

const root = resolve(import.meta.dirname, '../..');
let meta: string;
let world: CliWorld;
let file: string;
let digest: string;

interface StvBulletin {
  digest: string;
  election: { method: Record<string, unknown> };
  ballots: Array<{ tracker: string | null; ranks: Record<string, number | null> }>;
  result: Record<string, unknown>;
}

beforeAll(async () => {
  meta = mkdtempSync(join(tmpdir(), 'elekto-stv-meta-'));
  cpSync(join(root, 'examples/demo-meta'), meta, { recursive: true });
  appendFileSync(join(meta, 'elections/2021/steering/election.yaml'), 'method: stv-meek\n');
  world = await demoBallotsDatabase(
    'elekto-stv-bulletin-',
    [
      ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
      ['bob', ['grace-hopper', 'alan-turing']],
      ['carol', ['ada-lovelace', 'grace-hopper']],
      ['dave', ['alan-turing']],
      ['erin', ['grace-hopper']],
    ],
    meta,
  );
}, 120_000);

afterAll(() => {
  rmSync(world.dir, { recursive: true, force: true });
  rmSync(meta, { recursive: true, force: true });
});

describe('the bulletin of an STV election, through the CLI', () => {
  it('freezes and prints the bulletin with the STV method, its seed and the winners in order of election', () => {
    const r = world.elekto('results', DEMO_KEY, '--bulletin');
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as StvBulletin;
    digest = b.digest;
    expect(b.election.method).toEqual({ name: 'stv-meek', seed: `${DEMO_KEY}@2021-10-15T23:59:59.000Z` });
    expect(b.result).toEqual({ winners: ['grace-hopper', 'ada-lovelace'], draws: expect.any(Array) });
    expect(r.stderr).toContain(`bulletin digest fixed at the close (`);
    expect(r.stderr).toContain(`5 ballots): ${digest}`);
    file = join(world.dir, 'bulletin.json');
    writeFileSync(file, r.stdout);
    // The officers' count agrees: elekto results names the same winners in the same order.
    const counted = JSON.parse(world.elekto('results', DEMO_KEY, '--json').stdout) as { winners: string[] };
    expect(counted.winners).toEqual(['grace-hopper', 'ada-lovelace']);
  });

  it('elekto verify recounts it by STV: exit 0 with the published digest, --json naming the method and the winners', () => {
    const text = world.elekto('verify', file, '--digest', digest);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${DEMO_KEY}: 5 ballots · stv-meek`);
    expect(text.stdout).toContain('winners, in order of election: grace-hopper, ada-lovelace');
    expect(text.stdout).toContain('VERIFIED');
    const json = world.elekto('verify', file, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      digest,
      election: DEMO_KEY,
      ballots: 5,
      method: 'stv-meek',
      winners: ['grace-hopper', 'ada-lovelace'],
      draws: expect.any(Array),
      refused: null,
      problems: [],
      publishedDigest: null,
    });
  });

  it('a single changed ballot in the file: exit 1, the digest and the published digest named', () => {
    const b = JSON.parse(world.elekto('results', DEMO_KEY, '--bulletin').stdout) as StvBulletin;
    const dave = b.ballots.findIndex((x) => x.ranks['alan-turing'] === 1 && x.ranks['grace-hopper'] === null);
    b.ballots[dave]!.ranks = { 'ada-lovelace': 1, 'alan-turing': null, 'grace-hopper': null };
    const changed = join(world.dir, 'changed.json');
    writeFileSync(changed, JSON.stringify(b));
    const r = world.elekto('verify', changed, '--digest', digest);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED');
    expect(r.stderr).toMatch(/elekto verify: The digest in the file \([0-9a-f]{64}\) does not match its contents/);
    expect(r.stderr).toContain('not to the published digest');
  });

  it('a ballot changed in the database after the close: elekto results exits 1 naming it', () => {
    const db = new Database(join(world.dir, 'elekto.sqlite'));
    try {
      // Dave's ballot is the only one ranking alan-turing alone: give it to ada-lovelace, as a DBA could.
      const changed = db
        .prepare(
          "UPDATE ballot SET candidate = 'ada-lovelace' WHERE candidate = 'alan-turing' AND rank = 1 AND election_id = (SELECT id FROM election WHERE key = ?)",
        )
        .run(DEMO_KEY).changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    const r = world.elekto('results', DEMO_KEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('THE STORED BALLOTS CHANGED AFTER THE CLOSE');
    expect(r.stderr).toContain(`its digest was ${digest}`);
  });
});
