/**
 * The MetaSource contract, run against every git-backed adapter (git binary, nodegit) over real
 * repositories: clone, update, revision, force-push, branch choice, local edits discarded, and
 * every failure leaving the last good copy as it was.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { MetaSource } from '../../../../src/application/ports/meta-source.js';
import { MetaSourceError } from '../../../../src/adapters/meta/sources/meta-source-error.js';
import { GitFixture, git } from './git-fixture.js';

export type MakeSource = (options: { repo: string; path: string; branch: string }) => MetaSource;

async function failure(promise: Promise<unknown>): Promise<MetaSourceError> {
  const e = await promise.then(
    () => new Error('expected the source to fail'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MetaSourceError);
  return e as MetaSourceError;
}

export function metaSourceContract(name: string, make: MakeSource): void {
  describe(`MetaSource contract: ${name}`, () => {
    let fx: GitFixture;
    let source: MetaSource;
    const read = (file: string): string => readFileSync(join(fx.checkout, file), 'utf8');

    beforeEach(() => {
      fx = new GitFixture();
      source = make({ repo: fx.remote, path: fx.checkout, branch: 'main' });
    });
    afterEach(() => fx.cleanup());

    it('clones on first fetch and reports the commit id as the revision', async () => {
      const a = fx.commit({ 'elections/a/election.yaml': 'name: A\n' });
      fx.push();
      const tree = await source.fetch();
      expect(tree.revision).toBe(a);
      expect(isAbsolute(tree.root)).toBe(true);
      expect(read('elections/a/election.yaml')).toBe('name: A\n');
      expect(await source.current()).toEqual(tree);
    });

    it('refuses current() before anything was cloned', async () => {
      expect((await failure(source.current())).kind).toBe('not-cloned');
    });

    it('follows new commits, including deleted files', async () => {
      fx.commit({ 'a.txt': 'one', 'b.txt': 'two' });
      fx.push();
      await source.fetch();
      const b = fx.commit({ 'a.txt': 'uno', 'b.txt': null, 'c.txt': 'three' });
      fx.push();
      const tree = await source.fetch();
      expect(tree.revision).toBe(b);
      expect(read('a.txt')).toBe('uno');
      expect(existsSync(join(fx.checkout, 'b.txt'))).toBe(false);
      expect(read('c.txt')).toBe('three');
    });

    it('follows force-pushed (rewritten) history', async () => {
      const a = fx.commit({ 'a.txt': 'one' });
      fx.commit({ 'bad.txt': 'pushed by mistake' });
      fx.push();
      await source.fetch();
      git(fx.work, 'reset', '--quiet', '--hard', a);
      const c = fx.commit({ 'a.txt': 'rewritten' }, 'rewrite');
      fx.push('main', true);
      const tree = await source.fetch();
      expect(tree.revision).toBe(c);
      expect(read('a.txt')).toBe('rewritten');
      expect(existsSync(join(fx.checkout, 'bad.txt'))).toBe(false);
    });

    it('discards local edits and untracked files in the working copy', async () => {
      const a = fx.commit({ 'a.txt': 'one', '.gitignore': 'ignored.txt\n' });
      fx.push();
      await source.fetch();
      writeFileSync(join(fx.checkout, 'a.txt'), 'tampered');
      writeFileSync(join(fx.checkout, 'stray.txt'), 'x');
      writeFileSync(join(fx.checkout, 'ignored.txt'), 'x');
      const tree = await source.fetch();
      expect(tree.revision).toBe(a);
      expect(read('a.txt')).toBe('one');
      expect(existsSync(join(fx.checkout, 'stray.txt'))).toBe(false);
      expect(existsSync(join(fx.checkout, 'ignored.txt'))).toBe(false);
    });

    it('reads the configured branch only', async () => {
      fx.commit({ 'a.txt': 'main' });
      fx.push('main');
      const r = fx.commit({ 'a.txt': 'release' });
      fx.push('release');
      const release = make({ repo: fx.remote, path: fx.checkout, branch: 'release' });
      expect((await release.fetch()).revision).toBe(r);
      expect(read('a.txt')).toBe('release');
      git(fx.work, 'reset', '--quiet', '--hard', 'HEAD~1');
      fx.commit({ 'other.txt': 'only on main' });
      fx.push('main', true);
      expect((await release.fetch()).revision).toBe(r);
      expect(existsSync(join(fx.checkout, 'other.txt'))).toBe(false);
    });

    it('keeps the last good copy when the remote becomes unreachable', async () => {
      const a = fx.commit({ 'a.txt': 'good' });
      fx.push();
      await source.fetch();
      renameSync(fx.remote, `${fx.remote}.gone`);
      const e = await failure(source.fetch());
      expect(e.kind).toBe('unreachable');
      expect(e.message).toContain(fx.remote);
      expect(await source.current()).toMatchObject({ revision: a });
      expect(read('a.txt')).toBe('good');
    });

    it('reports a missing branch on first use without creating the copy', async () => {
      fx.commit({ 'a.txt': 'x' });
      fx.push();
      const nope = make({ repo: fx.remote, path: fx.checkout, branch: 'nope' });
      const e = await failure(nope.fetch());
      expect(e.kind).toBe('missing-branch');
      expect(e.message).toMatch(/META_BRANCH/);
      expect(existsSync(fx.checkout)).toBe(false);
    });

    it('keeps the last good copy when the branch is deleted on the remote', async () => {
      const a = fx.commit({ 'a.txt': 'good' });
      fx.push('main');
      fx.push('release');
      const release = make({ repo: fx.remote, path: fx.checkout, branch: 'release' });
      await release.fetch();
      git(fx.work, 'push', '--quiet', 'origin', ':refs/heads/release');
      expect((await failure(release.fetch())).kind).toBe('missing-branch');
      expect(await release.current()).toMatchObject({ revision: a });
      expect(read('a.txt')).toBe('good');
    });

    it('reports a remote that does not exist at all', async () => {
      const lost = make({ repo: join(fx.dir, 'no-such-remote.git'), path: fx.checkout, branch: 'main' });
      expect((await failure(lost.fetch())).kind).toBe('unreachable');
      expect(existsSync(fx.checkout)).toBe(false);
    });

    it('never shows credentials written in the repository URL', async () => {
      const secret = make({ repo: 'http://elekto-bot:s3cr3t-t0ken@127.0.0.1:1/meta.git', path: fx.checkout, branch: 'main' });
      expect(secret.describe()).not.toContain('s3cr3t');
      expect(secret.describe()).toContain('***@127.0.0.1');
      const e = await failure(secret.fetch());
      expect(e.kind).toBe('unreachable');
      expect(`${e.message} ${String(e.stack)}`).not.toContain('s3cr3t');
    });

    it('refuses to overwrite a directory that is not a working copy', async () => {
      fx.commit({ 'a.txt': 'x' });
      fx.push();
      mkdirSync(fx.checkout);
      writeFileSync(join(fx.checkout, 'precious.txt'), 'keep me');
      expect((await failure(source.fetch())).kind).toBe('not-a-repository');
      expect(read('precious.txt')).toBe('keep me');
    });

    it('clones into an existing empty directory and accepts a relative remote path', async () => {
      const a = fx.commit({ 'a.txt': 'x' });
      fx.push();
      mkdirSync(fx.checkout);
      const relativeRemote = relative(process.cwd(), fx.remote);
      const rel = make({ repo: relativeRemote, path: fx.checkout, branch: 'main' });
      expect((await rel.fetch()).revision).toBe(a);
      expect((await rel.fetch()).revision).toBe(a);
    });

    it('serialises concurrent fetches on one copy', async () => {
      const a = fx.commit({ 'a.txt': 'x' });
      fx.push();
      const trees = await Promise.all([source.fetch(), source.fetch(), source.fetch()]);
      expect(trees.map((t) => t.revision)).toEqual([a, a, a]);
    });
  });
}
