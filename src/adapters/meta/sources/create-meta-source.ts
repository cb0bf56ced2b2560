import type { MetaSource } from '../../../application/ports/meta-source.js';
import { DirectoryMetaSource } from './directory-meta-source.js';
import { GitCliMetaSource } from './git-cli-meta-source.js';
import { NodeGitMetaSource } from './nodegit-meta-source.js';

export type MetaDriver = 'git' | 'nodegit' | 'directory';

export interface MetaSourceConfig {
  /** META_REPO; empty or absent means META_PATH is a plain directory, whatever the driver. */
  readonly repo?: string;
  /** META_PATH: the working copy (git drivers) or the directory itself. */
  readonly path: string;
  /** META_BRANCH. */
  readonly branch: string;
  readonly driver: MetaDriver;
  readonly timeoutMs?: number;
  /** ELECTION_DIR: a plain directory's revision hashes the files below it. */
  readonly electionDir?: string;
}

/**
 * Picks the source from configuration. The nodegit package is imported on the source's first use,
 * so choosing it costs nothing until then, and a missing package fails the first sync with a
 * message saying how to install it.
 */
export function createMetaSource(config: MetaSourceConfig): MetaSource {
  const repo = config.repo?.trim() ?? '';
  if (config.driver === 'directory' || repo === '') return new DirectoryMetaSource(config.path, config.electionDir ? { electionDir: config.electionDir } : {});
  const options = { repo, path: config.path, branch: config.branch, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) };
  if (config.driver === 'nodegit') return new NodeGitMetaSource(options);
  return new GitCliMetaSource(options);
}
