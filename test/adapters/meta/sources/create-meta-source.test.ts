import { createMetaSource } from '../../../../src/adapters/meta/sources/create-meta-source.js';
import { DirectoryMetaSource } from '../../../../src/adapters/meta/sources/directory-meta-source.js';
import { GitCliMetaSource } from '../../../../src/adapters/meta/sources/git-cli-meta-source.js';
import { NodeGitMetaSource } from '../../../../src/adapters/meta/sources/nodegit-meta-source.js';

describe('createMetaSource', () => {
  const base = { path: '/tmp/elekto-meta', branch: 'main' } as const;

  it('chooses the git binary, nodegit or a directory from the driver', () => {
    expect(createMetaSource({ ...base, repo: 'https://example.org/meta.git', driver: 'git' })).toBeInstanceOf(GitCliMetaSource);
    expect(createMetaSource({ ...base, repo: 'https://example.org/meta.git', driver: 'nodegit' })).toBeInstanceOf(NodeGitMetaSource);
    expect(createMetaSource({ ...base, repo: 'https://example.org/meta.git', driver: 'directory' })).toBeInstanceOf(DirectoryMetaSource);
  });

  it('reads META_PATH as a plain directory when META_REPO is empty, whatever the driver', () => {
    for (const driver of ['git', 'nodegit', 'directory'] as const) {
      expect(createMetaSource({ ...base, repo: '', driver })).toBeInstanceOf(DirectoryMetaSource);
      expect(createMetaSource({ ...base, driver })).toBeInstanceOf(DirectoryMetaSource);
      expect(createMetaSource({ ...base, repo: '  ', driver })).toBeInstanceOf(DirectoryMetaSource);
    }
  });

  it('never puts credentials in the description', () => {
    const source = createMetaSource({ ...base, repo: 'https://bot:ghp_secret@github.com/org/meta.git', driver: 'git' });
    expect(source.describe()).toBe('https://***@github.com/org/meta.git (branch main) at /tmp/elekto-meta');
  });
});
