import { MetaSourceError } from './meta-source-error.js';

/** The slice of nodegit's API the source uses (nodegit ships no TypeScript types). */
export interface NodeGitCommit {
  sha(): string;
}
export interface NodeGitRemote {
  url(): string;
  fetch(refspecs: string[], options: object, reflogMessage: string): Promise<number>;
}
export interface NodeGitRepository {
  getHeadCommit(): Promise<NodeGitCommit>;
  getRemoteNames(): Promise<string[]>;
  getRemote(name: string): Promise<NodeGitRemote>;
  getReferenceCommit(name: string): Promise<NodeGitCommit>;
  createBranch(name: string, commit: NodeGitCommit, force: boolean): Promise<unknown>;
  setHead(refName: string): Promise<number>;
  setHeadDetached(commit: NodeGitCommit): number | Promise<number>;
  head(): Promise<{ name(): string }>;
}
export interface NodeGitModule {
  Repository: { open(path: string): Promise<NodeGitRepository> };
  Clone: { clone(url: string, path: string, options: object): Promise<NodeGitRepository> };
  Remote: {
    create(repo: NodeGitRepository, name: string, url: string): unknown;
    setUrl(repo: NodeGitRepository, name: string, url: string): unknown;
  };
  Reference: { remove(repo: NodeGitRepository, name: string): number };
  Reset: {
    reset(repo: NodeGitRepository, target: NodeGitCommit, type: number, options: object): Promise<number>;
    TYPE: { HARD: number };
  };
  Checkout: {
    head(repo: NodeGitRepository, options: object): Promise<void>;
    STRATEGY: { FORCE: number; REMOVE_UNTRACKED: number; REMOVE_IGNORED: number };
  };
  Credential: {
    userpassPlaintextNew(user: string, password: string): unknown;
    sshKeyFromAgent(user: string): unknown;
    defaultNew(): unknown;
  };
}

let loaded: Promise<NodeGitModule> | undefined;

/** Imports nodegit on first use only: it is an optional dependency, absent from package.json. */
export function loadNodeGit(): Promise<NodeGitModule> {
  loaded ??= importNodeGit();
  return loaded;
}

async function importNodeGit(): Promise<NodeGitModule> {
  const name = 'nodegit'; // a variable, so bundlers and tsc do not try to resolve it
  try {
    const mod = (await import(name)) as { default?: NodeGitModule } & Partial<NodeGitModule>;
    const git = (mod.default ?? mod) as NodeGitModule & { Cred?: NodeGitModule['Credential'] };
    // nodegit < 0.27 called it Cred.
    // (Its exports are not all enumerable, so the module is extended through a prototype, not copied.)
    if (!git.Credential && git.Cred) return Object.assign(Object.create(git) as NodeGitModule, { Credential: git.Cred });
    return git;
  } catch (e) {
    loaded = undefined;
    throw new MetaSourceError(
      'driver-unavailable',
      'META driver "nodegit" is configured but the optional package nodegit is not installed or did not load ' +
        `(${e instanceof Error ? e.message.split('\n')[0] : String(e)}). Install it with .ci/install-nodegit.sh, or use the git driver.`,
      { cause: e },
    );
  }
}
