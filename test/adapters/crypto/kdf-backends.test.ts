/**
 * Native libsodium (sodium-native) and the WebAssembly build must give the same keys bit for bit:
 * a link sealed by one backend (or by Elekto's PyNaCl) opens with the other.
 */
import { Worker } from 'node:worker_threads';
import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { KDF_WORKER_SOURCE, availableKdfBackend, kdfWorkerData } from '../../../src/adapters/crypto/kdf-worker-source.js';
import { ELEKTO_SCHEME, type SealScheme } from '../../../src/adapters/shared/seal-scheme.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SALT = hex('000102030405060708090a0b0c0d0e0f');
// Spec §7.5: PyNaCl argon2i.kdf(32, b"correct horse", salt) with SENSITIVE limits (8 passes, 512 MiB).
const ELEKTO_KEY = '4287bcdf86f2029a9b6864e0061ef0303f6a386e001626a3fc6bda724e50f3b2';

const MiB = 1024 * 1024;
const VECTORS: Array<[string, string, Uint8Array, SealScheme]> = [
  ['ASCII, Argon2id defaults shrunk', 'a long passphrase', SALT, { algorithm: 'argon2id13', opsLimit: 2, memLimitBytes: 8 * MiB }],
  [
    'non-ASCII passphrase (UTF-8)',
    'pässwörd ✓ 投票',
    Uint8Array.from({ length: 16 }, (_, i) => 255 - i),
    { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 16 * MiB },
  ],
  ['empty passphrase', '', SALT, { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * MiB }],
  ['Argon2i, small memory', 'correct horse', SALT, { algorithm: 'argon2i13', opsLimit: 3, memLimitBytes: 8 * MiB }],
];

describe('KDF backends', () => {
  const native = new KdfWorkerPool({ size: 1, backend: 'native' });
  const wasm = new KdfWorkerPool({ size: 1, backend: 'wasm' });
  afterAll(async () => {
    await native.close();
    await wasm.close();
  });

  it('finds the native addon on this machine (sodium-native ships a prebuilt linux-x64 binary)', () => {
    expect(availableKdfBackend()).toBe('native');
  });

  it.each(VECTORS)('give identical keys: %s', async (_name, password, salt, scheme) => {
    const [a, b] = await Promise.all([native.derive({ password, salt, scheme }), wasm.derive({ password, salt, scheme })]);
    expect(a).toHaveLength(32);
    expect(toHex(a)).toBe(toHex(b));
  });

  it("both reproduce Elekto's PyNaCl key (Argon2i13, 8 passes, 512 MiB)", async () => {
    // One after the other: two 512 MiB derivations at once would double the peak memory.
    expect(toHex(await native.derive({ password: 'correct horse', salt: SALT, scheme: ELEKTO_SCHEME }))).toBe(ELEKTO_KEY);
    expect(toHex(await wasm.derive({ password: 'correct horse', salt: SALT, scheme: ELEKTO_SCHEME }))).toBe(ELEKTO_KEY);
  }, 180_000);

  it('falls back to WebAssembly when the addon does not load, unless native was demanded', async () => {
    const job = { id: 1, password: 'x', salt: SALT, keyLength: 32, opsLimit: 1, memLimit: 8 * MiB, alg: 2 };
    const missing = { ...kdfWorkerData('auto'), nativePath: '/nonexistent/sodium-native' };
    const fallback = await runWorker(missing, job);
    expect(toHex(fallback.key!)).toBe(
      toHex(await wasm.derive({ password: 'x', salt: SALT, scheme: { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * MiB } })),
    );
    const demanded = await runWorker({ ...missing, backend: 'native' }, job);
    expect(demanded.key).toBeUndefined();
    expect(demanded.error).toMatch(/native libsodium unavailable/);
  });
});

async function runWorker(workerData: unknown, job: object): Promise<{ key?: Uint8Array; error?: string }> {
  const worker = new Worker(KDF_WORKER_SOURCE, { eval: true, workerData });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(job);
    });
  } finally {
    await worker.terminate();
  }
}
