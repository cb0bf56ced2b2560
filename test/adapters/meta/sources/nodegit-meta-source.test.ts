/**
 * The nodegit adapter runs the same contract as the git binary whenever nodegit can be resolved.
 * Where the environment says it must be there (CI=true, which .ci/run sets after running
 * .ci/install-nodegit.sh, or ELEKTO_EXPECT_NODEGIT=1), its absence is a failure, not a skip.
 */
import { createRequire } from 'node:module';
import { NodeGitMetaSource } from '../../../../src/adapters/meta/sources/nodegit-meta-source.js';
import { MetaSourceError } from '../../../../src/adapters/meta/sources/meta-source-error.js';
import { GitFixture } from './git-fixture.js';
import { metaSourceContract } from './meta-source-contract.js';

function nodegitResolves(): boolean {
  try {
    createRequire(import.meta.url).resolve('nodegit');
    return true;
  } catch {
    return false;
  }
}

const expected = process.env['CI'] === 'true' || process.env['ELEKTO_EXPECT_NODEGIT'] === '1';

if (nodegitResolves()) {
  metaSourceContract('NodeGitMetaSource', (options) => new NodeGitMetaSource(options));
} else {
  describe('NodeGitMetaSource without the optional nodegit package', () => {
    if (expected) {
      it('is installed, as this environment requires (run .ci/install-nodegit.sh)', () => {
        throw new Error('nodegit is expected here (CI=true or ELEKTO_EXPECT_NODEGIT=1) but require.resolve("nodegit") failed');
      });
    }

    it('fails its first use with a message that says how to install it', async () => {
      const fx = new GitFixture();
      try {
        const source = new NodeGitMetaSource({ repo: fx.remote, path: fx.checkout, branch: 'main' });
        const e = await source.fetch().catch((err: unknown) => err);
        expect(e).toBeInstanceOf(MetaSourceError);
        expect((e as MetaSourceError).kind).toBe('driver-unavailable');
        expect((e as Error).message).toMatch(/install-nodegit\.sh/);
      } finally {
        fx.cleanup();
      }
    });
  });
}
