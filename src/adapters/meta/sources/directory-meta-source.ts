import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MetaSource, MetaTree } from '../../../application/ports/meta-source.js';
import { MetaSourceError } from './meta-source-error.js';
import { isDirectory } from './source-checks.js';

/**
 * A plain directory read as the meta repository (no git): for demos, tests, and deployments that
 * put the files there some other way. Its revision is always null: there is no cheap, trustworthy
 * version to compare, so every sync re-reads it (see docs/adr/0001-nodegit-optional.md).
 */
export class DirectoryMetaSource implements MetaSource {
  private readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
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
    return { root: await realpath(this.path), revision: null };
  }
}
