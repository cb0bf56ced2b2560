/**
 * The meta sync lock on each SQL database: two locks opened on one database (as two replicas would)
 * exclude each other, a failed sync frees the lock, and so do closing the lock and killing the
 * process that holds it. SQLite is served by one process, so its lock is an in-process queue shared
 * by every data source on the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSyncLock, SyncLockTimeoutError, type ClosableSyncLock } from '../../../src/adapters/persistence/sync-lock/index.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../../support/databases.js';
import { faultSeed, replayHint, seededRandom } from '../../support/seeded-random.js';

/** A promise the test resolves by hand, to hold a lock for exactly as long as it wants. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SEED = faultSeed();

describe.each(DATABASE_KINDS)('SyncLock contract: %s', (kind) => {
  let database: ThrowawayDatabase;
  const locks: ClosableSyncLock[] = [];
  const open = (waitMs?: number): ClosableSyncLock => {
    const lock = createSyncLock(database.config, waitMs === undefined ? {} : { waitMs });
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

  it('lets one holder in at a time, across two locks on one database', async () => {
    const [a, b] = [open(), open()];
    const log: string[] = [];
    const holdA = gate();
    const first = a.exclusive(async () => {
      log.push('a in');
      await holdA.promise;
      log.push('a out');
      return 'a';
    });
    while (!log.includes('a in')) await tick(5);
    const second = b.exclusive(async () => {
      log.push('b in');
      return 'b';
    });
    // b is waiting on the database; give it every chance to get in wrongly.
    await tick(300);
    expect(log).toEqual(['a in']);
    holdA.open();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a in', 'a out', 'b in']);
  });

  it(`never has two holders inside under a burst from both locks (${replayHint(SEED)})`, async () => {
    const random = seededRandom(SEED);
    const [a, b] = [open(), open()];
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await tick(Math.floor(random() * 15));
      inside -= 1;
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).exclusive(work)));
    expect(most).toBe(1);
  });

  it('passes the result and the error of the work through, and frees the lock after an error', async () => {
    const [a, b] = [open(), open()];
    await expect(a.exclusive(async () => 42)).resolves.toBe(42);
    await expect(a.exclusive(async () => Promise.reject(new Error('sync broke')))).rejects.toThrow('sync broke');
    await expect(b.exclusive(async () => 'after the error')).resolves.toBe('after the error');
  });
});

describe.each(['postgres', 'mariadb'] as const)('SyncLock across processes: %s', (kind) => {
  let database: ThrowawayDatabase;
  let other: ThrowawayDatabase;
  const locks: ClosableSyncLock[] = [];
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    [database, other] = await Promise.all([createThrowawayDatabase(kind), createThrowawayDatabase(kind)]);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(locks.map((l) => l.close()));
    await Promise.all([database.drop(), other.drop()]);
  });
  const open = (db: ThrowawayDatabase, waitMs?: number): ClosableSyncLock => {
    const lock = createSyncLock(db.config, waitMs === undefined ? {} : { waitMs });
    locks.push(lock);
    return lock;
  };

  it('gives up with a clear error when the wait runs out', async () => {
    const [a, b] = [open(database), open(database, 1000)];
    const hold = gate();
    let holding = false;
    const first = a.exclusive(async () => {
      holding = true;
      await hold.promise;
    });
    while (!holding) await tick(5);
    let ran = false;
    const refused = b.exclusive(async () => {
      ran = true;
    });
    await expect(refused).rejects.toThrow(SyncLockTimeoutError);
    await expect(refused).rejects.toThrow(/another replica has held the meta sync lock/);
    expect(ran).toBe(false);
    hold.open();
    await first;
  });

  it('is freed when the holder closes its lock (the application stops)', async () => {
    const [a, b] = [open(database), open(database)];
    let holding = false;
    void a
      .exclusive(async () => {
        holding = true;
        await new Promise(() => undefined);
      })
      .catch(() => undefined);
    while (!holding) await tick(5);
    let bRan = false;
    const second = b.exclusive(async () => {
      bRan = true;
    });
    await tick(200);
    expect(bRan).toBe(false);
    await a.close();
    await second;
    expect(bRan).toBe(true);
    await expect(a.exclusive(async () => 'x')).rejects.toThrow(/closed/);
  });

  it('is freed when the process holding it is killed', async () => {
    const script = fileURLToPath(new URL('./sync-lock/hold-sync-lock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(database.config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      lines.on('line', (l) => l === 'held' && resolve());
      child.once('exit', (code) => reject(new Error(`the holder exited early (${code})`)));
    });
    const b = open(database);
    let bRan = false;
    const second = b.exclusive(async () => {
      bRan = true;
    });
    await tick(300);
    expect(bRan).toBe(false);
    child.kill('SIGKILL');
    await second;
    expect(bRan).toBe(true);
  });

  it('tells its observer when it waits, holds and lets go', async () => {
    const events: string[] = [];
    const a = open(database);
    const b = createSyncLock(database.config, {
      observer: {
        waiting: () => events.push('waiting'),
        acquired: ({ waitedMs }) => events.push(`acquired ${typeof waitedMs}`),
        releasing: ({ heldMs }) => events.push(`releasing ${typeof heldMs}`),
      },
    });
    locks.push(b);
    const hold = gate();
    let holding = false;
    const first = a.exclusive(async () => {
      holding = true;
      await hold.promise;
    });
    while (!holding) await tick(5);
    const second = b.exclusive(async () => {
      events.push('work');
    });
    while (!events.includes('waiting')) await tick(5);
    hold.open();
    await Promise.all([first, second]);
    expect(events).toEqual(['waiting', 'acquired number', 'work', 'releasing number']);
  });

  it('does not make another database on the same server wait', async () => {
    const [a, elsewhere] = [open(database), open(other, 1000)];
    const hold = gate();
    let holding = false;
    const first = a.exclusive(async () => {
      holding = true;
      await hold.promise;
    });
    while (!holding) await tick(5);
    await expect(elsewhere.exclusive(async () => 'not blocked')).resolves.toBe('not blocked');
    hold.open();
    await first;
  });
});

describe('SyncLock on PostgreSQL with a short statement_timeout on the database', () => {
  let database: ThrowawayDatabase;
  const locks: ClosableSyncLock[] = [];
  beforeAll(async () => {
    database = await createThrowawayDatabase('postgres');
    const name = (database.config as { database: string }).database;
    await database.raw([`ALTER DATABASE ${name} SET statement_timeout = '150ms'`]);
  });
  afterAll(async () => {
    await Promise.all(locks.map((l) => l.close()));
    await database.drop();
  });

  it('waits longer than that timeout for the lock (lock_timeout bounds the wait, not the role)', async () => {
    const [a, b] = [createSyncLock(database.config), createSyncLock(database.config, { waitMs: 10_000 })];
    locks.push(a, b);
    let holding = false;
    const first = a.exclusive(async () => {
      holding = true;
      await tick(600);
    });
    while (!holding) await tick(5);
    await expect(b.exclusive(async () => 'waited')).resolves.toBe('waited');
    await first;
  });
});
