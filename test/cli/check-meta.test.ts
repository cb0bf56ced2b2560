import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each run starts Node + tsx; on a loaded machine that takes seconds. */
const SLOW = 120_000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const meta = (name: string) => join(root, 'test/fixtures/meta', name);

function elekto(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), 'check-meta', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTION_DIR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('elekto check-meta', () => {
  it(
    "passes Elekto's sample repo (warnings only) with exit 0 and a readable summary",
    () => {
      const r = elekto([meta('elekto-meta-test')]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('ok   2021---GB  (elections/2021/GB)  3 candidates');
      expect(r.out).toContain('warning elections/name_the_app/election.yaml:15: `exceptions_due` is a misspelling of `exception_due`');
      expect(r.out).toContain('hint: rename the key to `exception_due`');
      expect(r.out.trim().split('\n').at(-1)).toBe('3 elections checked: 0 errors, 3 warnings.');
    },
    SLOW,
  );

  it(
    'prints the JSON report of issue 3 with --json',
    () => {
      const r = elekto([meta('elekto-meta-test'), '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(Object.keys(report)).toEqual(['elections', 'problems', 'errors', 'warnings']);
      expect(report.errors).toBe(0);
      expect(report.warnings).toBe(3);
      expect(report.problems).toEqual([]);
      expect(report.elections.map((e: { key: string; path: string; ok: boolean; candidates: number }) => [e.key, e.path, e.ok, e.candidates])).toEqual([
        ['2021---GB', 'elections/2021/GB', true, 3],
        ['2021---TOC', 'elections/2021/TOC', true, 2],
        ['name_the_app', 'elections/name_the_app', true, 5],
      ]);
      expect(report.elections[2].problems).toEqual([
        {
          severity: 'warning',
          file: 'elections/name_the_app/election.yaml',
          line: 15,
          message: expect.stringContaining('`exceptions_due` is a misspelling'),
          hint: 'rename the key to `exception_due`',
        },
      ]);
    },
    SLOW,
  );

  it(
    'exits 1 when there is an error, listing every problem with file and line',
    () => {
      const r = elekto([meta('hostile'), '--json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out);
      expect(report.errors).toBeGreaterThan(10);
      const good = report.elections.find((e: { key: string }) => e.key === 'good');
      expect(good).toEqual({ key: 'good', path: 'elections/good', ok: true, candidates: 2, problems: [] });
      expect(report.problems).toEqual([expect.objectContaining({ severity: 'error', file: 'elections/a---b/election.yaml', line: null })]);
      const broken = report.elections.find((e: { key: string }) => e.key === 'broken-yaml');
      expect(broken.ok).toBe(false);
      expect(broken.problems[0]).toMatchObject({ severity: 'error', file: 'elections/broken-yaml/election.yaml', line: 3 });
      const human = elekto([meta('hostile')]);
      expect(human.code).toBe(1);
      expect(human.out).toMatch(/^FAIL broken-yaml {2}\(elections\/broken-yaml\) {2}0 candidates, 1 error, not loaded$/m);
      expect(human.out).toContain('Not tied to one election:');
    },
    SLOW,
  );

  it(
    'takes the elections folder from --election-dir, else ELECTION_DIR',
    () => {
      const flag = elekto([meta('real-world'), '--election-dir', 'steering/elections', '--json']);
      const env = elekto([meta('real-world'), '--json'], { ELECTION_DIR: 'steering/elections' });
      expect(JSON.parse(flag.out).elections).toHaveLength(4);
      expect(JSON.parse(env.out)).toEqual(JSON.parse(flag.out));
      expect(flag.code).toBe(1); // the malformed historic candidate submissions are errors
      const wrong = elekto([meta('real-world'), '--json']);
      expect(wrong.code).toBe(1);
      expect(JSON.parse(wrong.out).problems).toEqual([
        expect.objectContaining({ severity: 'error', file: 'elections', message: 'the elections folder does not exist' }),
      ]);
    },
    SLOW,
  );

  it(
    'exits 2 on bad usage',
    () => {
      expect(elekto([]).code).toBe(2);
      expect(elekto([join(root, 'no-such-meta-repo')]).code).toBe(2);
      expect(elekto([meta('elekto-meta-test'), '--no-such-flag']).code).toBe(2);
      const help = elekto(['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('--election-dir');
    },
    SLOW,
  );

  it(
    'tells a first-time author which candidates, fields and voters are wrong, with lines, and still passes (issue 13)',
    () => {
      const r = elekto([meta('first-impressions')]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('warn 2025---board  (elections/2025/board)  3 candidates, 8 warnings');
      expect(r.out).toContain('warning elections/2025/board/voters.yaml:5: 3 entries repeat an earlier one: `bob` (lines 3, 5), `carol` (lines 4, 7, 9)');
      expect(r.out).toContain('warning elections/2025/board/candidate-indie.md:5: `info[0]` is `Independent`, not a `key: value` line; it is ignored');
      expect(r.out).toContain(
        'warning elections/2025/board/candidate-noinfo.md:3: `info` has no `employer`, `slack` (listed in show_candidate_fields); the profile shows them blank',
      );
      expect(r.out).toContain('hint: add `- employer: ...` and `- slack: ...` under `info:`');
      expect(r.out).toContain(
        'warning elections/2025/board/candidate-affil.md:5: `info.affiliation` is not shown by this election (it shows `employer` and `slack`), and this file has no `employer`',
      );
      expect(r.out).toContain('hint: if `affiliation` is meant as `employer`, rename it');
    },
    SLOW,
  );

  it(
    'refuses an unknown `method` with exit 1, naming the file, its line and the allowed values (issue 16)',
    () => {
      const parent = mkdtempSync(join(tmpdir(), 'elekto-method-'));
      try {
        const repo = join(parent, 'repo');
        cpSync(meta('elekto-meta-test'), repo, { recursive: true });
        appendFileSync(join(repo, 'elections/2021/GB/election.yaml'), '\nmethod: meek\n');
        const r = elekto([repo]);
        expect(r.code).toBe(1);
        expect(r.out).toContain(
          'error   elections/2021/GB/election.yaml:18: `method` must be one of schulze, ranked-pairs, minimax, copeland, stv-meek, stv-scottish, cpo-stv, not "meek"',
        );
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
