import { FairQueue } from '../../../src/adapters/crypto/fair-queue.js';
import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { RateLimitedWarning } from '../../../src/adapters/shared/rate-limited-warning.js';

const SALT = new Uint8Array(16);
const CHEAP = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 1024 * 1024 } as const;

describe('FairQueue', () => {
  it('serves requesters in turn, each in its own order', () => {
    const q = new FairQueue<string>();
    for (let i = 1; i <= 4; i++) q.push('mallory', `m${i}`);
    q.push('alice', 'a1');
    q.push('bob', 'b1');
    q.push('alice', 'a2');
    expect(q.size).toBe(7);
    const order = Array.from({ length: 7 }, () => q.shift());
    expect(order).toEqual(['m1', 'a1', 'b1', 'm2', 'a2', 'm3', 'm4']);
    expect(q.shift()).toBeUndefined();
    expect(q.size).toBe(0);
  });
});

describe('KdfWorkerPool scheduling', () => {
  it("does not make one requester's backlog wait in front of another's request", async () => {
    const pool = new KdfWorkerPool({ size: 1 });
    const done: string[] = [];
    const derive = (requester: string, tag: string) => pool.derive({ password: tag, salt: SALT, scheme: CHEAP, requester }).then(() => done.push(tag));
    try {
      const all = [...Array.from({ length: 30 }, (_, i) => derive('mallory', `m${i}`)), derive('alice', 'alice'), derive('bob', 'bob')];
      await Promise.all(all);
      // m0 was already running when the others arrived; then the round goes mallory, alice, bob.
      expect(done.indexOf('alice')).toBeLessThanOrEqual(2);
      expect(done.indexOf('bob')).toBeLessThanOrEqual(3);
    } finally {
      await pool.close();
    }
  });

  it('refuses beyond its queue with SERVER_BUSY and warns once per interval, counting the rest', async () => {
    const warnings: Array<{ obj: { times?: number }; msg: string }> = [];
    const pool = new KdfWorkerPool({ size: 1, maxQueue: 1, logger: { warn: (obj, msg) => warnings.push({ obj, msg }) }, overloadWarningEveryMs: 60_000 });
    try {
      const request = { password: 'p', salt: SALT, scheme: CHEAP };
      const accepted = [pool.derive(request), pool.derive(request)];
      const refused = await Promise.allSettled(Array.from({ length: 10 }, () => pool.derive(request)));
      expect(refused.every((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'SERVER_BUSY')).toBe(true);
      await Promise.all(accepted);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.obj).toMatchObject({ times: 1, waiting: 1 });
    } finally {
      await pool.close();
    }
  });
});

describe('RateLimitedWarning', () => {
  it('says it once per interval, each line with the number of occurrences it stands for', async () => {
    const lines: Array<{ obj: { times?: number }; msg: string }> = [];
    let now = 0;
    const warning = new RateLimitedWarning({ warn: (obj, msg) => lines.push({ obj, msg }) }, 'overloaded', 1000, () => now);
    warning.warn({ waiting: 1 });
    now = 10;
    warning.warn({ waiting: 2 });
    now = 20;
    warning.warn({ waiting: 3 });
    expect(lines).toEqual([{ obj: { waiting: 1, times: 1 }, msg: 'overloaded' }]);
    now = 1000;
    warning.warn({ waiting: 4 });
    expect(lines[1]).toEqual({ obj: { waiting: 4, times: 3 }, msg: 'overloaded (3 times since the last warning)' });
  });

  it('reports the ones held back on its own once the interval has passed', async () => {
    const lines: Array<{ obj: { times?: number }; msg: string }> = [];
    const warning = new RateLimitedWarning({ warn: (obj, msg) => lines.push({ obj, msg }) }, 'overloaded', 50);
    warning.warn();
    warning.warn();
    warning.warn();
    await new Promise((r) => setTimeout(r, 120));
    expect(lines.map((l) => l.obj.times)).toEqual([1, 2]);
  });
});
