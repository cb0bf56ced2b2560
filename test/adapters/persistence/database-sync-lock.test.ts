/** DatabaseSyncLock's own rules, over a scripted session (the real databases are in the contract test). */
import { DatabaseSyncLock, SyncLockTimeoutError } from '../../../src/adapters/persistence/sync-lock/index.js';
import type { LockSession } from '../../../src/adapters/persistence/sync-lock/lock-session.js';

class ScriptedSession implements LockSession {
  readonly calls: string[] = [];
  constructor(private readonly script: { free?: boolean; freeAfterWait?: boolean; releaseFails?: boolean } = {}) {}
  async tryAcquire() {
    this.calls.push('try');
    return this.script.free ?? true;
  }
  async acquire(waitMs: number) {
    this.calls.push(`wait ${waitMs}`);
    return this.script.freeAfterWait ?? true;
  }
  async release() {
    this.calls.push('release');
    if (this.script.releaseFails) throw new Error('connection reset');
  }
  async end() {
    this.calls.push('end');
  }
}

describe('DatabaseSyncLock', () => {
  it('takes a free lock at once, runs the work, gives the lock back and ends the connection', async () => {
    const session = new ScriptedSession();
    const lock = new DatabaseSyncLock(async () => session);
    expect(await lock.exclusive(async () => 'done')).toBe('done');
    expect(session.calls).toEqual(['try', 'release', 'end']);
  });

  it('waits (bounded) when another process holds the lock, and says so', async () => {
    const session = new ScriptedSession({ free: false });
    const events: string[] = [];
    const lock = new DatabaseSyncLock(async () => session, {
      waitMs: 5000,
      observer: { waiting: () => events.push('waiting'), acquired: () => events.push('acquired'), releasing: () => events.push('releasing') },
    });
    await lock.exclusive(async () => events.push('work'));
    expect(session.calls).toEqual(['try', 'wait 5000', 'release', 'end']);
    expect(events).toEqual(['waiting', 'acquired', 'work', 'releasing']);
  });

  it('refuses to run the work when the wait runs out, and still ends the connection', async () => {
    const session = new ScriptedSession({ free: false, freeAfterWait: false });
    const lock = new DatabaseSyncLock(async () => session, { waitMs: 1000 });
    let ran = false;
    await expect(lock.exclusive(async () => (ran = true))).rejects.toThrow(SyncLockTimeoutError);
    expect(ran).toBe(false);
    expect(session.calls).toEqual(['try', 'wait 1000', 'end']);
  });

  it('ends the connection (which frees the lock) when giving it back fails', async () => {
    const session = new ScriptedSession({ releaseFails: true });
    const lock = new DatabaseSyncLock(async () => session);
    await expect(lock.exclusive(async () => 7)).resolves.toBe(7);
    expect(session.calls).toEqual(['try', 'release', 'end']);
  });

  it('queues callers of one process so that only one connection is open at a time', async () => {
    let open = 0;
    let most = 0;
    const lock = new DatabaseSyncLock(async () => {
      open += 1;
      most = Math.max(most, open);
      const s = new ScriptedSession();
      return Object.assign(s, { end: async () => void (open -= 1) });
    });
    await Promise.all(Array.from({ length: 5 }, () => lock.exclusive(async () => undefined)));
    expect(most).toBe(1);
    expect(open).toBe(0);
  });

  it('refuses new work once closed', async () => {
    const lock = new DatabaseSyncLock(async () => new ScriptedSession());
    await lock.close();
    await expect(lock.exclusive(async () => 1)).rejects.toThrow(/closed/);
  });
});
