/**
 * `elekto results` against the bulletin frozen at the close: the digest on stderr and in the
 * results.md draft, and exit 1 naming the ballot when one was changed in the database afterwards.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { type CliWorld, DEMO_KEY, demoBallotsDatabase } from './demo-ballots-database.js';

// better-sqlite3 ships no types: the little of it used here, typed by hand.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  close(): void;
};
let world: CliWorld;

beforeAll(async () => {
  world = await demoBallotsDatabase('elekto-frozen-', [
    ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
    ['bob', ['grace-hopper', 'alan-turing', 'ada-lovelace']],
    ['carol', ['ada-lovelace', 'grace-hopper', 'alan-turing']],
  ]);
}, 120_000);

afterAll(() => rmSync(world.dir, { recursive: true, force: true }));

describe('elekto results and the bulletin frozen at the close', () => {
  let digest: string;

  it('freezes the bulletin on first use, says its digest, and puts it in the results.md draft', () => {
    const first = world.elekto('results', DEMO_KEY, '--bulletin');
    expect(first.code).toBe(0);
    digest = (JSON.parse(first.stdout) as { digest: string }).digest;
    expect(first.stderr).toContain(`bulletin digest fixed at the close (`);
    expect(first.stderr).toContain(`3 ballots): ${digest}`);
    const md = world.elekto('results', DEMO_KEY, '--markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain(`## Bulletin`);
    expect(md.stdout).toContain(`    ${digest}`);
  });

  it('exits 1 and says what changed when a stored ballot is altered afterwards', () => {
    const db = new Database(join(world.dir, 'elekto.sqlite'));
    try {
      // Carol's ballot is the only one ranking ada-lovelace first: move her down, as a DBA could.
      const changed = db
        .prepare("UPDATE ballot SET rank = 3 WHERE candidate = 'ada-lovelace' AND rank = 1 AND election_id = (SELECT id FROM election WHERE key = ?)")
        .run(DEMO_KEY).changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    const r = world.elekto('results', DEMO_KEY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Elected'); // the results are still printed
    expect(r.stderr).toContain('THE STORED BALLOTS CHANGED AFTER THE CLOSE');
    expect(r.stderr).toContain(`its digest was ${digest}`);
    expect(r.stderr).toMatch(/missing ballot, in the reference but not here/);
  });
});
