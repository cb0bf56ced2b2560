import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitCliMetaSource } from '../../../../src/adapters/meta/sources/git-cli-meta-source.js';
import { MetaSourceError } from '../../../../src/adapters/meta/sources/meta-source-error.js';
import { GitFixture } from './git-fixture.js';
import { metaSourceContract } from './meta-source-contract.js';

metaSourceContract('GitCliMetaSource', (options) => new GitCliMetaSource(options));

describe('GitCliMetaSource specifics', () => {
  let fx: GitFixture;
  beforeEach(() => {
    fx = new GitFixture();
  });
  afterEach(() => fx.cleanup());

  it('stops a git command that runs past the timeout', async () => {
    const slow = join(fx.dir, 'slow-git');
    writeFileSync(slow, '#!/bin/sh\nsleep 5\n');
    chmodSync(slow, 0o755);
    const source = new GitCliMetaSource({ repo: fx.remote, path: fx.checkout, branch: 'main', timeoutMs: 200, gitBinary: slow });
    const started = Date.now();
    const e = await source.fetch().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MetaSourceError);
    expect((e as MetaSourceError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says so when the git binary is missing', async () => {
    const source = new GitCliMetaSource({ repo: fx.remote, path: fx.checkout, branch: 'main', gitBinary: join(fx.dir, 'no-git') });
    const e = await source.fetch().catch((err: unknown) => err);
    expect((e as MetaSourceError).kind).toBe('driver-unavailable');
    expect((e as Error).message).toMatch(/git binary/);
  });

  it('refuses option-like or malformed branch and repository values', () => {
    expect(() => new GitCliMetaSource({ repo: fx.remote, path: fx.checkout, branch: '--upload-pack=x' })).toThrow(MetaSourceError);
    expect(() => new GitCliMetaSource({ repo: fx.remote, path: fx.checkout, branch: 'a..b' })).toThrow(/META_BRANCH/);
    expect(() => new GitCliMetaSource({ repo: '--upload-pack=touch /tmp/x', path: fx.checkout, branch: 'main' })).toThrow(/META_REPO/);
  });
});
