/** `elekto tally` end to end: spawns `node bin/elekto.js tally …` on fixture files. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): string => join(root, 'test/fixtures/ballots', name);

function elekto(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), 'tally', ...args], { cwd: root, input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ELEKTO_RESULT = [
  'Jordan Liggitt',
  'Bob Killen',
  'Davanum Srinivas',
  'Stephen Augustus',
  'Ian Coldwater',
  'Lachlan Evenson',
  'Federico Bongiovanni',
  'Carlos Panato',
  'Divya Mohan',
  'Mayank Kumar',
];

describe('elekto tally', () => {
  it("gives Elekto's published result for its ballots CSV (--winners 10 --json)", () => {
    const r = elekto([fixture('elekto-ballots.csv'), '--winners', '10', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe('schulze');
    expect(out.strength).toBe('winning');
    expect(out.ballots).toBe(312);
    expect(out.candidates).toHaveLength(10);
    expect(out.winners).toEqual(ELEKTO_RESULT);
    expect(out.ranking).toEqual(ELEKTO_RESULT.map((c) => [c]));
    expect(out.tieAtCutoff).toBe(false);
    expect(out.pairwise['Jordan Liggitt']['Bob Killen']).toBe(175);
    expect(out.pairwise['Bob Killen']['Jordan Liggitt']).toBe(84);
    expect(out.strongestPaths['Jordan Liggitt']['Bob Killen']).toBe(175);
  });

  it('prints readable tables without --json', () => {
    const r = elekto([fixture('tennessee.csv'), '--method', 'ranked-pairs', '--strength', 'margin', '--winners', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Ranked Pairs \(margins\) · 100 ballots · 4 candidates/);
    expect(r.stdout).toMatch(/ {4}1 {2}Nashville +winner/);
    expect(r.stdout).toMatch(/ {4}2 {2}Chattanooga +winner/);
    expect(r.stdout).toMatch(/Winners: Nashville, Chattanooga/);
    expect(r.stdout).toMatch(/Pairwise: ballots ranking the row candidate above the column candidate/);
    expect(r.stdout).toMatch(/ 2\. Nashville +58 +- +68 +68/);
  });

  it.each([
    ['minimax', ['Nashville', 'Memphis', 'Chattanooga', 'Knoxville']],
    ['copeland', ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis']],
  ])('--method %s on the Tennessee example', (method, order) => {
    const out = JSON.parse(elekto([fixture('tennessee.csv'), '--method', method, '--json']).stdout);
    expect(out.ranking).toEqual(order.map((c) => [c]));
    expect(out.strongestPaths).toBeUndefined();
  });

  it('reads standard input with -, and shows ties at the cut', () => {
    const r = elekto(['-', '--winners', '1', '--json'], 'A,B,C\n1,1,2\n');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ranking).toEqual([['A', 'B'], ['C']]);
    expect(out.winners).toEqual([]);
    expect(out.tieAtCutoff).toBe(true);
    expect(out.tiedAtCutoff).toEqual(['A', 'B']);
  });

  it('--unranked last changes how truncated ballots count', () => {
    const csv = 'A,B,C\n1,No opinion,No opinion\nNo opinion,1,2\nNo opinion,1,2\n';
    const noOpinion = JSON.parse(elekto(['-', '--json'], csv).stdout);
    const last = JSON.parse(elekto(['-', '--json', '--unranked', 'last'], csv).stdout);
    expect(noOpinion.pairwise.A.B).toBe(0);
    expect(last.pairwise.A.B).toBe(1);
    expect(last.pairwise.B.A).toBe(2);
    expect(last.unranked).toBe('last');
  });

  it('writes an infinite ratio as "Infinity" in JSON', () => {
    const out = JSON.parse(elekto([fixture('one-sided.csv'), '--strength', 'ratio', '--json']).stdout);
    expect(out.strongestPaths.Alice.Bob).toBe('Infinity');
    expect(out.winners).toEqual(['Alice']);
  });

  it.each([
    ['bad-rank.csv', /bad-rank\.csv: line 4, column 2: "two" is not a rank/],
    ['ragged-row.csv', /ragged-row\.csv: line 3, column 3: 2 cells; the header has 3/],
    ['duplicate-header.csv', /line 1, column 3: candidate id "Alice" appears twice/],
    ['empty.csv', /empty\.csv: line 1: the file is empty/],
    ['no-such-file.csv', /cannot read .*no-such-file\.csv/],
  ])('exits 2 on bad input: %s', (name, message) => {
    const r = elekto([fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each([[['--method', 'borda', 'x.csv']], [['--winners', '0', 'x.csv']], [['--winners', 'two', 'x.csv']], [['--strength', 'losing', 'x.csv']], [[]]])(
    'exits 2 on bad usage: %j',
    (args) => {
      const r = elekto(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toBe('');
    },
  );

  it('--help lists the options and exits 0', () => {
    const r = elekto(['--help']);
    expect(r.code).toBe(0);
    for (const o of ['--method', '--strength', '--winners', '--unranked', '--json']) expect(r.stdout).toContain(o);
  });

  it('keeps the fixture byte-identical to the one Elekto published', () => {
    expect(readFileSync(fixture('elekto-ballots.csv'), 'utf8').split('\n')[0]).toBe(
      'Bob Killen,Carlos Panato,Davanum Srinivas,Divya Mohan,Ian Coldwater,Jordan Liggitt,Lachlan Evenson,Stephen Augustus,Federico Bongiovanni,Mayank Kumar',
    );
  });
});
