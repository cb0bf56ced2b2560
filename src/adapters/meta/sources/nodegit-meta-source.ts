import { mkdir, readdir, realpath, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { MetaSource, MetaTree } from '../../../application/ports/meta-source.js';
import { serialiser } from '../../../application/serialiser.js';
import { MetaSourceError, classifyGitFailure, describeFailure, redactCredentials } from './meta-source-error.js';
import { loadNodeGit, type NodeGitModule, type NodeGitRepository } from './nodegit-loader.js';
import { assertSafeBranch, assertSafeRepo, exists, isDirectory, normaliseRepo } from './source-checks.js';

export interface NodeGitMetaSourceOptions {
  readonly repo: string;
  readonly path: string;
  readonly branch: string;
  /** Per operation; default 120 s. libgit2 cannot be interrupted, so a late operation still finishes before the next starts. */
  readonly timeoutMs?: number;
}

/**
 * The same contract as GitCliMetaSource through libgit2 (the optional `nodegit` package, loaded
 * only when this source is used). See docs/adr/0001-nodegit-optional.md.
 */
export class NodeGitMetaSource implements MetaSource {
  private readonly path: string;
  private readonly repo: string;
  private readonly queue = serialiser();

  constructor(private readonly options: NodeGitMetaSourceOptions) {
    assertSafeRepo(options.repo);
    assertSafeBranch(options.branch);
    this.path = resolve(options.path);
    this.repo = normaliseRepo(options.repo);
  }

  describe(): string {
    return `${redactCredentials(this.options.repo)} (branch ${this.options.branch}, nodegit) at ${this.path}`;
  }

  fetch(): Promise<MetaTree> {
    return this.timed('fetch', async (git) => {
      if (await exists(join(this.path, '.git'))) await this.update(git);
      else await this.cloneFresh(git);
      return this.tree(git);
    });
  }

  current(): Promise<MetaTree> {
    return this.timed('open', async (git) => {
      if (!(await exists(join(this.path, '.git')))) {
        throw new MetaSourceError('not-cloned', `Meta repository ${this.describe()}: not cloned yet (run a sync with fetch).`);
      }
      return this.tree(git);
    });
  }

  private timed<T>(what: string, job: (git: NodeGitModule) => Promise<T>): Promise<T> {
    const work = this.queue(async () => job(await loadNodeGit()).catch((e: unknown) => this.fail(e)));
    const ms = this.options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MetaSourceError('timeout', `Meta repository ${this.describe()}: ${what} took longer than ${ms} ms.`)), ms);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }

  private fail(e: unknown): never {
    if (e instanceof MetaSourceError) throw e;
    const said = redactCredentials(e instanceof Error ? e.message : String(e));
    const kind = classifyGitFailure(said);
    throw new MetaSourceError(kind, `Meta repository ${this.describe()}: ${describeFailure(kind)}. libgit2 said: ${said}`);
  }

  private async tree(git: NodeGitModule): Promise<MetaTree> {
    const repo = await git.Repository.open(this.path);
    const head = await repo.getHeadCommit();
    return { root: await realpath(this.path), revision: head.sha() };
  }

  private fetchOptions(git: NodeGitModule): object {
    let tries = 0;
    return {
      downloadTags: 1, // GIT_REMOTE_DOWNLOAD_TAGS_NONE
      callbacks: {
        credentials: (url: string, userFromUrl: string | null) => {
          // Hand over credentials written in META_REPO once; a second call means they were refused.
          if (tries++ > 0) return git.Credential.defaultNew();
          return credentialFor(git, url, userFromUrl);
        },
      },
    };
  }

  private async update(git: NodeGitModule): Promise<void> {
    const repo = await git.Repository.open(this.path);
    const branch = this.options.branch;
    const remotes = await repo.getRemoteNames();
    if (!remotes.includes('origin')) git.Remote.create(repo, 'origin', this.repo);
    else if ((await repo.getRemote('origin')).url() !== this.repo) git.Remote.setUrl(repo, 'origin', this.repo);
    const tracking = `refs/remotes/origin/${branch}`;
    // libgit2 does not fail on a refspec whose source is missing, so the old tracking ref goes
    // first: if it is absent after the fetch, the branch is gone. The working tree is untouched.
    await removeRef(git, repo, tracking);
    const remote = await repo.getRemote('origin');
    await remote.fetch([`+refs/heads/${branch}:${tracking}`], this.fetchOptions(git), 'elekto sync');
    const target = await repo.getReferenceCommit(tracking).catch(() => {
      throw new MetaSourceError('missing-branch', `Meta repository ${this.describe()}: ${describeFailure('missing-branch')}.`);
    });
    // Reset moves the branch HEAD is on; libgit2 refuses to force-move the checked-out branch itself.
    const onBranch = await repo.head().then(
      (ref) => ref.name() === `refs/heads/${branch}`,
      () => false,
    );
    if (!onBranch) {
      await repo.setHeadDetached(target);
      await repo.createBranch(branch, target, true);
      await repo.setHead(`refs/heads/${branch}`);
    }
    const S = git.Checkout.STRATEGY;
    const clean = { checkoutStrategy: S.FORCE | S.REMOVE_UNTRACKED | S.REMOVE_IGNORED };
    await git.Reset.reset(repo, target, git.Reset.TYPE.HARD, clean);
    // A hard reset in libgit2 keeps untracked and ignored files; this checkout is `git clean -fdx`.
    await git.Checkout.head(repo, clean);
  }

  private async cloneFresh(git: NodeGitModule): Promise<void> {
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
      await git.Clone.clone(this.repo, temp, { checkoutBranch: this.options.branch, fetchOpts: this.fetchOptions(git) });
      if (await exists(this.path)) await rmdir(this.path);
      await rename(temp, this.path);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
}

async function removeRef(git: NodeGitModule, repo: NodeGitRepository, name: string): Promise<void> {
  try {
    git.Reference.remove(repo, name);
  } catch {
    // absent already
  }
}

function credentialFor(git: NodeGitModule, url: string, userFromUrl: string | null): unknown {
  try {
    const parsed = new URL(url);
    if (parsed.password) return git.Credential.userpassPlaintextNew(decodeURIComponent(parsed.username), decodeURIComponent(parsed.password));
    if (parsed.username && /^(https?):$/.test(parsed.protocol)) {
      // GitHub-style token as the user name: `https://<token>@github.com/org/meta`.
      return git.Credential.userpassPlaintextNew(decodeURIComponent(parsed.username), 'x-oauth-basic');
    }
  } catch {
    // scp-like address: not a URL
  }
  return git.Credential.sshKeyFromAgent(userFromUrl ?? 'git');
}
