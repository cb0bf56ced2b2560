import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import type { SealScheme } from '../../../src/adapters/shared/seal-scheme.js';

const CHEAP: SealScheme = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 };

describe('the key-derivation queue, as the metrics see it', () => {
  it('reports the wait list growing under a burst and emptying, and how long each derivation waited', async () => {
    const depths: number[] = [];
    const waits: number[] = [];
    const pool = new KdfWorkerPool({ size: 1, observer: { depth: (n) => depths.push(n), waited: (ms) => waits.push(ms) } });
    try {
      const salt = new Uint8Array(16);
      await Promise.all([1, 2, 3, 4].map((i) => pool.derive({ password: `passphrase ${i}`, salt, scheme: CHEAP })));
      // One worker: the first starts at once, three wait behind it, and the list drains to empty.
      expect(Math.max(...depths)).toBe(3);
      expect(depths.at(-1)).toBe(0);
      expect(waits).toHaveLength(4);
      // The last one waited for the three before it.
      expect(waits[3]!).toBeGreaterThan(waits[0]!);
      expect(waits[3]!).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
