import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('reads the directory as it is, with a hash of its files as revision, for fetch and current alike', async () => {
    writeFileSync(join(dir, 'a.txt'), 'x');
    const source = new DirectoryMetaSource(dir);
    const fetched = await source.fetch();
    expect(fetched.root).toBe(dir);
    expect(fetched.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(await source.current()).toEqual(fetched);
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

  describe('revision', () => {
    const revision = (electionDir = 'elections') => new DirectoryMetaSource(dir, { electionDir }).fetch().then((t) => t.revision);
    beforeEach(() => {
      mkdirSync(join(dir, 'elections', 'gb'), { recursive: true });
      writeFileSync(join(dir, 'elections', 'gb', 'election.yaml'), 'name: GB\n');
      writeFileSync(join(dir, 'elections', 'gb', 'voters.yaml'), 'eligible_voters: [a]\n');
    });

    it('is the same for every source that reads the same files (two replicas on one volume)', async () => {
      const copy = mkdtempSync(join(tmpdir(), 'elekto-dir-copy-'));
      try {
        execFileSync('cp', ['-r', join(dir, 'elections'), copy]);
        expect(await new DirectoryMetaSource(copy, { electionDir: 'elections' }).fetch().then((t) => t.revision)).toBe(await revision());
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });

    it('changes when a file changes, appears, disappears or moves', async () => {
      const seen = new Set([await revision()]);
      writeFileSync(join(dir, 'elections', 'gb', 'voters.yaml'), 'eligible_voters: [b]\n');
      seen.add(await revision());
      writeFileSync(join(dir, 'elections', 'gb', 'candidate-x.md'), '---\nname: X\n---\n');
      seen.add(await revision());
      rmSync(join(dir, 'elections', 'gb', 'candidate-x.md'));
      expect(seen.has(await revision())).toBe(true); // back to the second state
      renameSync(join(dir, 'elections', 'gb'), join(dir, 'elections', 'gb2'));
      seen.add(await revision());
      expect(seen.size).toBe(4);
    });

    it('ignores files outside the elections folder and hidden entries (a .git folder)', async () => {
      const before = await revision();
      writeFileSync(join(dir, 'README.md'), 'hello');
      mkdirSync(join(dir, 'elections', '.git'));
      writeFileSync(join(dir, 'elections', '.git', 'HEAD'), 'ref');
      expect(await revision()).toBe(before);
    });

    it('follows a link to a file inside the folder by content, and does not hang on a FIFO', async () => {
      mkdirSync(join(dir, 'shared'));
      writeFileSync(join(dir, 'shared', 'voters.yaml'), 'eligible_voters: [a]\n');
      rmSync(join(dir, 'elections', 'gb', 'voters.yaml'));
      symlinkSync(join(dir, 'shared', 'voters.yaml'), join(dir, 'elections', 'gb', 'voters.yaml'));
      execFileSync('mkfifo', [join(dir, 'elections', 'gb', 'pipe')]);
      const before = await revision();
      writeFileSync(join(dir, 'shared', 'voters.yaml'), 'eligible_voters: [z]\n');
      expect(await revision()).not.toBe(before);
    });

    it('is stable when the elections folder is missing, and changes once it appears', async () => {
      rmSync(join(dir, 'elections'), { recursive: true });
      const missing = await revision();
      expect(await revision()).toBe(missing);
      mkdirSync(join(dir, 'elections'));
      expect(await revision()).not.toBe(missing);
    });
  });
});
