/**
 * `check-meta --since <revision>`: check-meta has no database, so "an election with ballots" is an
 * election present at the revision (the branch a pull request targets) whose voting had opened. Gone
 * now while one of the same name is new: a renamed folder, warned about (exit 0: a warning).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SLOW = 120_000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = {
  ...process.env,
  ELECTION_DIR: '',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
};

function elekto(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/elekto.js'), 'check-meta', ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function election(dir: string, path: string, name: string, start: string): void {
  mkdirSync(join(dir, 'elections', path), { recursive: true });
  writeFileSync(
    join(dir, 'elections', path, 'election.yaml'),
    [
      `name: ${name}`,
      'organization: Test',
      `start_datetime: ${start}`,
      'end_datetime: 2099-12-31 23:59:59',
      'no_winners: 1',
      'allow_no_opinion: true',
      'delete_after: false',
      'election_officers:',
      '  - olivia',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'elections', path, 'voters.yaml'), 'eligible_voters:\n  - alice\n');
  writeFileSync(
    join(dir, 'elections', path, 'candidate-ada.md'),
    '-------------------------------------------------------------\nname: Ada\nID: ada\n-------------------------------------------------------------\n\nAda runs.\n',
  );
}

describe('elekto check-meta --since', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-check-since-'));
    election(dir, '2024/gb', 'Steering Committee 2024', '2020-01-01 00:00:00');
    election(dir, 'future', 'Future Board', '2098-01-01 00:00:00');
    election(dir, 'toc', 'TOC', '2020-01-01 00:00:00');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'base');
    // The pull request: two folders renamed, one election removed.
    renameSync(join(dir, 'elections', '2024', 'gb'), join(dir, 'elections', '2024', 'steering'));
    renameSync(join(dir, 'elections', 'future'), join(dir, 'elections', 'future-board'));
    rmSync(join(dir, 'elections', 'toc'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'warns on the new folder of an opened election renamed since the revision, not on one that never opened',
    () => {
      const r = elekto([dir, '--since', 'main', '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as {
        warnings: number;
        elections: Array<{ key: string; problems: Array<{ severity: string; message: string; hint: string }> }>;
      };
      const steering = report.elections.find((e) => e.key === '2024---steering')!;
      expect(steering.problems).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringContaining('"2024---gb" (Steering Committee 2024), which left the meta repository since main after its voting had opened'),
        }),
      ]);
      expect(steering.problems[0]!.message).toMatch(/empty roll of who has voted/);
      expect(report.elections.find((e) => e.key === 'future-board')!.problems).toEqual([]);
      expect(report.warnings).toBe(1);
      const text = elekto([dir, '--since', 'main']);
      expect(text.out).toMatch(/^warn 2024---steering/m);
      expect(text.out).toContain('hint: If the folder was renamed by mistake, rename it back');
    },
    SLOW,
  );

  it(
    'says nothing of renames without --since, and refuses a revision that is not there (exit 2)',
    () => {
      expect(JSON.parse(elekto([dir, '--json']).out).warnings).toBe(0);
      const bad = elekto([dir, '--since', 'no-such-branch']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--since: no-such-branch is not a commit of the git checkout');
    },
    SLOW,
  );
});
