import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { MetaSourceError } from './meta-source-error.js';

/** Refuses values git would read as options, or that are not a plain branch name. */
export function assertSafeBranch(branch: string): void {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith('-') || branch.includes('..') || branch.endsWith('/')) {
    throw new MetaSourceError('failed', `META_BRANCH "${branch}" is not a valid branch name.`);
  }
}

export function assertSafeRepo(repo: string): void {
  if (repo.trim() === '' || repo.startsWith('-') || /[\r\n\0]/.test(repo)) {
    throw new MetaSourceError('failed', 'META_REPO is not a usable repository URL or path.');
  }
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * A local path is made absolute against the process CWD (as Elekto does for META_PATH), because
 * git runs inside other directories; URLs and scp-like `host:path` addresses are kept as they are.
 */
export function normaliseRepo(repo: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  if (/^[^/]*@?[^/]+:/.test(repo) && !repo.startsWith('.')) return repo;
  return resolvePath(repo);
}
