/**
 * `elekto results` and `elekto purge-links` end to end: `elekto migrate` a SQLite file, ballots cast
 * through the embedded application (clock set inside the 2021 voting window of the demo meta repo),
 * then both commands spawned as an operator runs them, against that file.
 */
import { rmSync } from 'node:fs';
import { type CliWorld, DEMO_KEY, demoBallotsDatabase } from './demo-ballots-database.js';

const KEY = DEMO_KEY;
let dir: string;
let world: CliWorld;

const elekto = (...args: string[]) => world.elekto(...args);

beforeAll(async () => {
  world = await demoBallotsDatabase('elekto-cli-', [
    ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
    ['bob', ['grace-hopper', 'alan-turing', 'ada-lovelace']],
    ['carol', ['ada-lovelace', 'grace-hopper', 'alan-turing']],
  ]);
  dir = world.dir;
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
