/**
 * Real git repositories for the MetaSource contract: a bare "remote" and a scratch clone that
 * commits and pushes to it, built with the git binary in a temporary directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export class GitFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'elekto-meta-source-'));
  readonly remote = join(this.dir, 'remote.git');
  readonly work = join(this.dir, 'author');
  /** Where the source under test keeps its working copy. */
  readonly checkout = join(this.dir, 'checkout');

  constructor(branch = 'main') {
    git(this.dir, 'init', '--quiet', '--bare', `--initial-branch=${branch}`, this.remote);
    git(this.dir, 'init', '--quiet', `--initial-branch=${branch}`, this.work);
    git(this.work, 'remote', 'add', 'origin', this.remote);
  }

  /** Writes files (null deletes), commits everything, returns the commit id. Does not push. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.work, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    git(this.work, 'add', '--all');
    git(this.work, 'commit', '--quiet', '--allow-empty', '-m', message);
    return git(this.work, 'rev-parse', 'HEAD');
  }

  push(branch = this.branch(), force = false): void {
    git(this.work, 'push', '--quiet', ...(force ? ['--force'] : []), 'origin', `HEAD:refs/heads/${branch}`);
  }

  branch(): string {
    return git(this.work, 'rev-parse', '--abbrev-ref', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
