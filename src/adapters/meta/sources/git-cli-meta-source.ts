import { mkdir, readdir, realpath, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { MetaSource, MetaTree } from '../../../application/ports/meta-source.js';
import { serialiser } from '../../../application/serialiser.js';
import { MetaSourceError, redactCredentials } from './meta-source-error.js';
import { runGit } from './run-git.js';
import { assertSafeBranch, assertSafeRepo, exists, isDirectory, normaliseRepo } from './source-checks.js';

export interface GitCliMetaSourceOptions {
  /** Remote URL (https, ssh, file://) or a local path. Credentials in it are never logged. */
  readonly repo: string;
  /** Where the working copy lives; relative paths are resolved against the process CWD. */
  readonly path: string;
  readonly branch: string;
  /** Per git command; default 120 s. */
  readonly timeoutMs?: number;
  /** Default `git` from PATH. */
  readonly gitBinary?: string;
}

/**
 * The meta repository through the `git` binary: clone on first use, then fetch the branch and hard
 * reset to it (so force-pushed history is followed, and local edits are discarded), then clean.
 * A clone goes to a temporary sibling first, and a failed fetch happens before the working tree is
 * touched, so any failure leaves the last good copy as it was.
 */
export class GitCliMetaSource implements MetaSource {
  private readonly path: string;
  private readonly repo: string;
  private readonly queue = serialiser();
  private readonly git: (args: readonly string[], cwd?: string) => ReturnType<typeof runGit>;

  constructor(private readonly options: GitCliMetaSourceOptions) {
    assertSafeRepo(options.repo);
    assertSafeBranch(options.branch);
    this.path = resolve(options.path);
    this.repo = normaliseRepo(options.repo);
    const run = { timeoutMs: options.timeoutMs ?? 120_000, binary: options.gitBinary ?? 'git', label: this.describe() };
    this.git = (args, cwd) => runGit(args, { ...run, cwd: cwd ?? this.path });
  }

  describe(): string {
    return `${redactCredentials(this.options.repo)} (branch ${this.options.branch}) at ${resolve(this.options.path)}`;
  }

  fetch(): Promise<MetaTree> {
    return this.queue(async () => {
      if (await exists(join(this.path, '.git'))) await this.update();
      else await this.cloneFresh();
      return this.tree();
    });
  }

  current(): Promise<MetaTree> {
    return this.queue(async () => {
      if (!(await exists(join(this.path, '.git')))) {
        throw new MetaSourceError('not-cloned', `Meta repository ${this.describe()}: not cloned yet (run a sync with fetch).`);
      }
      return this.tree();
    });
  }

  private async tree(): Promise<MetaTree> {
    const { stdout } = await this.git(['rev-parse', '--verify', 'HEAD']);
    return { root: await realpath(this.path), revision: stdout.trim() };
  }

  private async update(): Promise<void> {
    const { repo } = this;
    const { branch } = this.options;
    const url = await this.git(['remote', 'get-url', 'origin']).then(
      (r) => r.stdout.trim(),
      () => null,
    );
    if (url === null) await this.git(['remote', 'add', 'origin', repo]);
    else if (url !== repo) await this.git(['remote', 'set-url', 'origin', repo]);
    // The explicit forced refspec makes a force-pushed branch replace the remote-tracking ref.
    const tracking = `refs/remotes/origin/${branch}`;
    await this.git(['fetch', '--quiet', '--no-tags', '--prune', 'origin', `+refs/heads/${branch}:${tracking}`]);
    // Only now is the working tree touched: the fetch above is the step that fails on a bad remote.
    await this.git(['checkout', '--quiet', '--force', '-B', branch, tracking]);
    await this.git(['reset', '--quiet', '--hard', tracking]);
    await this.git(['clean', '--quiet', '-fdx']);
  }

  private async cloneFresh(): Promise<void> {
    if (await exists(this.path)) {
      if (!(await isDirectory(this.path)) || (await readdir(this.path)).length > 0) {
        throw new MetaSourceError(
          'not-a-repository',
          `Meta repository ${this.describe()}: ${this.path} exists and is not a git working copy; refusing to overwrite it.`,
        );
      }
    }
    await mkdir(dirname(this.path), { recursive: true });
    const temp = join(dirname(this.path), `.${basename(this.path)}.clone-${process.pid}-${Date.now()}`);
    try {
      await this.git(['clone', '--quiet', '--no-tags', '--branch', this.options.branch, '--', this.repo, temp], dirname(this.path));
      if (await exists(this.path)) await rmdir(this.path);
      await rename(temp, this.path);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
}
