/**
 * `elekto tally --method stv-…` and `elekto results --method stv-…` end to end (issue 16): the
 * commands spawned as an operator runs them, printing winners in order of election and the rounds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { type CliWorld, DEMO_KEY, demoBallotsDatabase } from './demo-ballots-database.js';

const root = resolve(import.meta.dirname, '../..');
const SLOW = 120_000;

function tally(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), 'tally', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface StvJson {
  method: string;
  seats: number;
  winners: string[];
  quota: string;
  rounds: Array<{
    number: number;
    quota: string;
    candidates: Array<{ candidate: string; votes: string; keepValue?: string; state: string }>;
    elected: string[];
    excluded: string[];
    transferred: string | null;
    exhausted: string;
    summary: string;
  }>;
  draws: Array<{ round: number; among: string[]; chosen: string }>;
  seed: string;
  ballots: { ballots: number; empty: number; cutAtTie: number };
}

let dir: string;
let csv: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'elekto-stv-cli-'));
  // The election-methods list's Meek example (12 Sep 2004): 61 A, 60 A>B, 30 C>D, 29 D>C; 2 seats.
  const rows = ['A,B,C,D', ...Array(61).fill('1,,,'), ...Array(60).fill('1,2,,'), ...Array(30).fill(',,1,2'), ...Array(29).fill(',,2,1')];
  csv = join(dir, 'meek-2004.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('elekto tally with an STV method', () => {
  it(
    '--method stv-meek --winners 2 --json prints the winners in order of election and every round (quota, votes, keep values, elected, excluded, transferred, exhausted)',
    () => {
      const r = tally(csv, '--method', 'stv-meek', '--winners', '2', '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as StvJson;
      expect(out).toMatchObject({ method: 'stv-meek', seats: 2, winners: ['A', 'C'], quota: '60.000000001', seed: 'elekto-tally' });
      expect(out.ballots).toEqual({ ballots: 180, empty: 0, cutAtTie: 0 });
      const [first, ...rest] = out.rounds;
      expect(first).toMatchObject({ number: 1, elected: ['A'], excluded: [], exhausted: '0.000000000' });
      expect(first!.candidates[0]).toEqual({ candidate: 'A', votes: '121.000000000', keepValue: '1.000000000', state: 'elected' });
      expect(rest.some((round) => round.excluded.includes('D') && round.transferred === 'A')).toBe(true);
      // A's keep value converges to 119/302 (the message's fixed point) before D goes.
      const keepA = Number(rest[0]!.candidates.find((c) => c.candidate === 'A')!.keepValue);
      expect(Math.abs(keepA - 119 / 302)).toBeLessThan(1e-7);
      expect(out.rounds.at(-1)!.elected).toEqual(['C']);
      for (const round of out.rounds) expect(round.summary).toMatch(/\.$/);
    },
    SLOW,
  );

  it(
    'prints plain text: the method, winners in order, the quota and each round as a table with its sentence',
    () => {
      const r = tally(csv, '--method', 'stv-meek', '--winners', '2');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Meek STV · 180 ballots · 4 candidates · 2 seats · seed "elekto-tally"');
      expect(r.stdout).toContain('Winners, in order of election: A, C');
      expect(r.stdout).toContain('Quota: 60.000000001');
      expect(r.stdout).toMatch(/Round 1 · quota 60\.000000001 · exhausted 0\n {2}candidate +votes {2}keep value {3}state\n {2}A +121 {2}1 +elected/);
      expect(r.stdout).toContain('A reached the quota of 60.000000001 and is elected.');
    },
    SLOW,
  );

  it(
    'shows a tie broken by lot with its seed, and the same seed repeats the draw',
    () => {
      const tied = join(dir, 'tied.csv');
      writeFileSync(tied, 'x,y,z\n1,,\n1,,\n,1,\n,,1\n');
      const once = JSON.parse(tally(tied, '--method', 'stv-scottish', '--winners', '1', '--seed', 'published-2026', '--json').stdout) as StvJson;
      expect(once.seed).toBe('published-2026');
      expect(once.draws).toEqual([expect.objectContaining({ among: ['y', 'z'] })]);
      expect(JSON.parse(tally(tied, '--method', 'stv-scottish', '--winners', '1', '--seed', 'published-2026', '--json').stdout)).toEqual(once);
      const text = tally(tied, '--method', 'stv-scottish', '--winners', '1', '--seed', 'published-2026').stdout;
      expect(text).toContain('Ties broken by lot (seed "published-2026"):');
      expect(text).toMatch(/round \d+: y, z were tied \(exclude\); the draw chose [yz]/);
    },
    SLOW,
  );

  it(
    'refuses a CPO-STV count past its limit with exit 2 and the reason, and lists the STV methods in --help',
    () => {
      const wide = join(dir, 'wide.csv');
      const header = Array.from({ length: 14 }, (_, i) => `c${i}`);
      writeFileSync(wide, `${header.join(',')}\n${header.map((_, i) => i + 1).join(',')}\n`);
      const r = tally(wide, '--method', 'cpo-stv', '--winners', '6');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/CPO-STV would have to compare \d+ outcomes .* it compares at most 300/);
      expect(tally('--help').stdout).toMatch(/stv-meek.*stv-scottish.*cpo-stv|"stv-meek", "stv-scottish", "cpo-stv"/s);
    },
    SLOW,
  );
});

describe('elekto results with an STV method', () => {
  let world: CliWorld;
  beforeAll(async () => {
    world = await demoBallotsDatabase('elekto-stv-results-', [
      ['alice', ['grace-hopper', 'ada-lovelace', 'alan-turing']],
      ['bob', ['grace-hopper', 'alan-turing', 'ada-lovelace']],
      ['carol', ['ada-lovelace', 'grace-hopper', 'alan-turing']],
    ]);
  }, SLOW);
  afterAll(() => rmSync(world.dir, { recursive: true, force: true }));

  it(
    '--method stv-meek --json prints winners in order and rounds; text and the results.md draft name the method, the winners in order and the quota',
    () => {
      const r = world.elekto('results', DEMO_KEY, '--method', 'stv-meek', '--json');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as StvJson & { election: { key: string }; turnout: { ballots: number } };
      expect(out.election.key).toBe(DEMO_KEY);
      expect(out.method).toBe('stv-meek');
      expect(out).not.toHaveProperty('unranked'); // a pairwise option: STV treats unranked as not preferred
      expect(out.turnout.ballots).toBe(3);
      expect(out.winners).toEqual(['grace-hopper', 'ada-lovelace']);
      expect(out.seed).toMatch(/^2021---steering@2021-10-15T23:59:59\.000Z$/);
      expect(out.rounds[0]).toMatchObject({ number: 1, quota: '1.000000001', elected: ['grace-hopper'] });

      const text = world.elekto('results', DEMO_KEY, '--method', 'stv-meek');
      expect(text.stdout).toContain('Winners, in order of election: grace-hopper, ada-lovelace');
      expect(text.stdout).toContain('Round 1 · quota 1.000000001');

      const md = world.elekto('results', DEMO_KEY, '--method', 'stv-meek', '--markdown').stdout;
      expect(md).toContain('## Winners, in order of election');
      expect(md).toMatch(/1\. \[.*\]\(https:\/\/github\.com\/grace-hopper\)\n2\. \[.*\]\(https:\/\/github\.com\/ada-lovelace\)/);
      expect(md).toContain('**Quota:** 1.000000001');
      expect(md).toContain("Computed with Meek's method of the Single Transferable Vote");

      // Without --method the election's own (Schulze: the demo's election.yaml names none).
      const plain = JSON.parse(world.elekto('results', DEMO_KEY, '--json').stdout) as { method: string; unranked: string; tally: { winners: string[] } };
      expect(plain.unranked).toBe('no-opinion');
      expect(plain.method).toBe('schulze');
      expect(plain.tally.winners).toEqual(['grace-hopper', 'ada-lovelace']);
    },
    SLOW,
  );
});
