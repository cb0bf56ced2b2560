import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MetaSource, MetaTree } from '../../../application/ports/meta-source.js';
import { folderRevision } from './folder-revision.js';
import { MetaSourceError } from './meta-source-error.js';
import { isDirectory } from './source-checks.js';

export interface DirectoryMetaSourceOptions {
  /** ELECTION_DIR, relative to the folder: only the files below it make the revision. Default: the whole folder. */
  readonly electionDir?: string;
}

/**
 * A plain directory read as the meta repository (no git): for demos, tests, and deployments that
 * put the files there some other way (a mounted volume shared by replicas). Its revision is a hash
 * of the election files (see folder-revision.ts), computed at each fetch: the same folder gives the
 * same revision on every replica, an unchanged one is not re-read, and a replica follows a change
 * another replica synced, as with git.
 */
export class DirectoryMetaSource implements MetaSource {
  private readonly path: string;
  private readonly electionDir: string;

  constructor(path: string, options: DirectoryMetaSourceOptions = {}) {
    this.path = resolve(path);
    this.electionDir = options.electionDir ?? '.';
  }

  describe(): string {
    return `directory ${this.path}`;
  }

  fetch(): Promise<MetaTree> {
    return this.current();
  }

  async current(): Promise<MetaTree> {
    if (!(await isDirectory(this.path))) {
      throw new MetaSourceError(
        'missing-directory',
        `Meta directory ${this.path} does not exist or is not a directory (META_REPO is empty, so META_PATH is read as a plain directory).`,
      );
    }
    const root = await realpath(this.path);
    return { root, revision: await folderRevision(root, this.electionDir) };
  }
}
