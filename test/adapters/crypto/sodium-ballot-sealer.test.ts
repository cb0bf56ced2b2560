import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { ELEKTO_SCHEME, ELEKTO_SCHEME_NAME, formatScheme, parseScheme } from '../../../src/adapters/shared/seal-scheme.js';
import { SodiumBallotSealer } from '../../../src/adapters/crypto/sodium-ballot-sealer.js';
import { isDomainError } from '../../../src/domain/errors.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SALT = hex('000102030405060708090a0b0c0d0e0f');
const UUID = '0b7e9a34-5d1f-4c2e-9a8b-123456789abc';
// Spec §7.5, computed with PyNaCl: SecretBox(argon2i.kdf(32, "correct horse", salt)).encrypt(uuid, nonce 0..23)
const STORED =
  '000102030405060708090a0b0c0d0e0f1011121314151617ca1972d25400b349f856e94d35b7fd5dcf98049bf7e8698de2955ce2006b7ab4d6800f09931edd17705e10c8f9322add729dd2bf';
const CHEAP = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 } as const;

describe('SodiumBallotSealer', () => {
  const pool = new KdfWorkerPool({ size: 2 });
  afterAll(() => pool.close());

  it('reproduces the Elekto test vector bit for bit (Argon2i13, 8 passes, 512 MiB)', async () => {
    let next = 0;
    const sequence = [SALT, Uint8Array.from({ length: 24 }, (_, i) => i)];
    const sealer = new SodiumBallotSealer({ pool, scheme: ELEKTO_SCHEME, randomBytes: () => sequence[next++]! });
    expect(toHex(await sealer.deriveKey('correct horse', SALT))).toBe('4287bcdf86f2029a9b6864e0061ef0303f6a386e001626a3fc6bda724e50f3b2');
    const link = await sealer.seal('correct horse', UUID);
    expect(toHex(link.salt)).toBe(toHex(SALT));
    expect(toHex(link.sealed)).toBe(STORED);
    expect(link.sealed.length).toBe(76);
    expect(link.scheme).toBe(ELEKTO_SCHEME_NAME);
  }, 120_000);

  it('opens a link Elekto stored (scheme column NULL) and refuses a wrong passphrase', async () => {
    const sealer = new SodiumBallotSealer({ pool });
    const link = { salt: SALT, sealed: hex(STORED), scheme: parseSchemeNameForNull() };
    // Both derivations at once: the pool has two workers.
    const [right, wrong] = await Promise.all([sealer.open('correct horse', link), sealer.open('123456', link)]);
    expect(right).toBe(UUID);
    expect(wrong).toBeNull();
  }, 120_000);

  it('seals new links with the configured cheaper scheme and records it', async () => {
    const sealer = new SodiumBallotSealer({ pool, scheme: CHEAP });
    const link = await sealer.seal('a long passphrase', UUID);
    expect(link.scheme).toBe('argon2id13;ops=1;mem=8388608');
    expect(link.salt.length).toBe(16);
    expect(link.sealed.length).toBe(76);
    expect(await sealer.open('a long passphrase', link)).toBe(UUID);
    expect(await sealer.open('a long passphrase ', link)).toBeNull();
    expect(await sealer.open('', { ...link, sealed: link.sealed.subarray(0, 20) })).toBeNull();
    const again = await sealer.seal('a long passphrase', UUID);
    expect(toHex(again.sealed)).not.toBe(toHex(link.sealed)); // fresh salt and nonce each time
  });

  it('keeps the event loop ticking while a derivation runs', async () => {
    // A derivation (128 MiB, 4 passes: 0.2-1 s) that, run on the main thread, would finish before any
    // timer could fire. No wall-clock threshold: the native build is fast on an idle machine.
    const sealer = new SodiumBallotSealer({ pool, scheme: { algorithm: 'argon2id13', opsLimit: 4, memLimitBytes: 128 * 1024 * 1024 } });
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 2);
    let sealed = false;
    const t0 = performance.now();
    const sealing = sealer.seal('tick tock tick tock', UUID).then(() => {
      sealed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The loop turned (a timer ran) while the derivation was still going...
    expect(sealed).toBe(false);
    await sealing;
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    // ...and kept turning: on the main thread one gap would span nearly the whole derivation.
    expect(Math.max(...gaps)).toBeLessThan(elapsed / 2);
  });
});

describe('KdfWorkerPool', () => {
  it('refuses work beyond its bounded queue instead of piling it up', async () => {
    const small = new KdfWorkerPool({ size: 1, maxQueue: 2 });
    const request = { password: 'p', salt: SALT, scheme: { ...CHEAP, opsLimit: 2 } };
    const accepted = [small.derive(request), small.derive(request), small.derive(request)];
    const refused = await small.derive(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDomainError(refused, 'SERVER_BUSY')).toBe(true);
    const keys = await Promise.all(accepted);
    expect(new Set(keys.map(toHex)).size).toBe(1);
    expect(small.waiting).toBe(0);
    await small.close();
  });

  it('runs at most `size` derivations at once', async () => {
    const two = new KdfWorkerPool({ size: 2 });
    const request = { password: 'p', salt: SALT, scheme: CHEAP };
    await Promise.all(Array.from({ length: 6 }, () => two.derive(request)));
    expect(two.waiting).toBe(0);
    await two.close();
    await expect(two.derive(request)).rejects.toThrow(/closed/);
  });
});

describe('seal schemes', () => {
  it('reads NULL as Elekto and round-trips names', () => {
    expect(parseScheme(null)).toEqual(ELEKTO_SCHEME);
    expect(parseScheme(formatScheme(CHEAP))).toEqual(CHEAP);
    expect(() => parseScheme('argon2id13;ops=3;mem=99999999999')).toThrow(/memory/);
    expect(() => parseScheme('md5')).toThrow(/Unknown/);
  });
});

function parseSchemeNameForNull(): string {
  // What TypeOrmBallotBox returns for a row whose link_scheme is NULL (written by Elekto).
  return ELEKTO_SCHEME_NAME;
}
