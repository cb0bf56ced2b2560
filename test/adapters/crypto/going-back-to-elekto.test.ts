import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { ELEKTO_SCHEME, ELEKTO_SCHEME_NAME, schemeFromConfig } from '../../../src/adapters/shared/seal-scheme.js';
import { SodiumBallotSealer } from '../../../src/adapters/crypto/sodium-ballot-sealer.js';
import { loadConfig } from '../../../src/bootstrap/config/load-config.js';

/**
 * Issue 13, going back to Elekto on the same database: Elekto reads `voter.salt` and
 * `voter.ballot_id` and always derives the key with its own parameters (Argon2i, 8 passes, 512 MiB);
 * it does not know `voter.link_scheme`. So a link sealed here opens in Elekto only when it was sealed
 * with SEAL_SCHEME=elekto. docs/operator-guide.md ("Going back") says what that costs.
 */
describe('a ballot link after going back to Elekto', () => {
  const pool = new KdfWorkerPool({ size: 2 });
  afterAll(() => pool.close());
  const UUID = '0b7e9a34-5d1f-4c2e-9a8b-123456789abc';
  const sealing = (scheme?: string) =>
    loadConfig({
      env: { DB_CONNECTION: 'memory', ELECTION_DIR: 'e', IDENTITY: 'development', APP_ENV: 'development', ...(scheme ? { SEAL_SCHEME: scheme } : {}) },
      envFile: false,
    }).sealing;
  /** What Elekto does with a row: ignore link_scheme and derive with its fixed parameters. */
  const elektoOpens = (link: { salt: Uint8Array; sealed: Uint8Array }) =>
    new SodiumBallotSealer({ pool }).open('a long passphrase', { ...link, scheme: ELEKTO_SCHEME_NAME });

  it('cannot be opened by Elekto with the default SEAL_SCHEME', async () => {
    const config = sealing();
    expect(config.scheme).toBe('argon2id');
    const link = await new SodiumBallotSealer({ pool, scheme: schemeFromConfig(config) }).seal('a long passphrase', UUID);
    expect(await elektoOpens(link)).toBeNull();
  }, 120_000);

  it('opens in Elekto when it was sealed with SEAL_SCHEME=elekto', () => {
    // Exactly Elekto's parameters, whose output sodium-ballot-sealer.test.ts pins bit for bit to
    // PyNaCl's (spec §7.5): a second 512 MiB derivation here would prove nothing more.
    expect(schemeFromConfig(sealing('elekto'))).toEqual(ELEKTO_SCHEME);
  });
});
