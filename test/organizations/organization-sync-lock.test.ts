/**
 * With ORGANIZATIONS_FILE each organization has its own meta sync lock: one slow repository does
 * not hold the others back, and two replicas still sync one organization one at a time. The
 * default organization keeps the original lock (a replica not yet moved to the file takes it too).
 */
import { createSyncLock, type ClosableSyncLock } from '../../src/adapters/persistence/sync-lock/index.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)('per-organization sync locks on %s', (kind) => {
  let database: ThrowawayDatabase;
  const locks: ClosableSyncLock[] = [];
  const open = (organization: string | null): ClosableSyncLock => {
    const lock = createSyncLock(database.config, {}, organization);
    locks.push(lock);
    return lock;
  };
  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
  });
  afterAll(async () => {
    await Promise.all(locks.map((l) => l.close()));
    await database.drop();
  });

  it("lets another organization sync while one holds its lock, and excludes the same organization's second replica", async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const log: string[] = [];
    const slow = open('alpha').exclusive(async () => {
      log.push('alpha in');
      await held;
      log.push('alpha out');
    });
    while (!log.includes('alpha in')) await tick(5);
    // beta (another organization) and the default organization get in at once.
    await open('beta').exclusive(async () => void log.push('beta'));
    await open(null).exclusive(async () => void log.push('default'));
    // alpha on a second "replica" waits for the first.
    const second = open('alpha').exclusive(async () => void log.push('alpha again'));
    await tick(300);
    expect(log).toEqual(['alpha in', 'beta', 'default']);
    release();
    await Promise.all([slow, second]);
    expect(log).toEqual(['alpha in', 'beta', 'default', 'alpha out', 'alpha again']);
  });
});
