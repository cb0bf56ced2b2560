import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryMetaSource } from '../../../../src/adapters/meta/sources/directory-meta-source.js';
import { MetaSourceError } from '../../../../src/adapters/meta/sources/meta-source-error.js';

describe('DirectoryMetaSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-dir-source-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the directory as it is, with a null revision, for fetch and current alike', async () => {
    writeFileSync(join(dir, 'a.txt'), 'x');
    const source = new DirectoryMetaSource(dir);
    expect(await source.fetch()).toEqual({ root: dir, revision: null });
    expect(await source.current()).toEqual({ root: dir, revision: null });
    expect(source.describe()).toContain(dir);
  });

  it('gives the real path when the configured path is a symlink', async () => {
    const link = join(tmpdir(), `elekto-dir-link-${process.pid}`);
    symlinkSync(dir, link);
    try {
      expect((await new DirectoryMetaSource(link).fetch()).root).toBe(dir);
    } finally {
      rmSync(link);
    }
  });

  it('reports a missing directory clearly', async () => {
    const e = await new DirectoryMetaSource(join(dir, 'nope')).fetch().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MetaSourceError);
    expect((e as MetaSourceError).kind).toBe('missing-directory');
    expect((e as Error).message).toMatch(/META_PATH/);
  });
});
