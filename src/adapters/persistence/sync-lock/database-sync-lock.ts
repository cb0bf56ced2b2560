import { performance } from 'node:perf_hooks';
import { InProcessSyncLock } from '../../../application/meta/in-process-sync-lock.js';
import type { SyncLock } from '../../../application/ports/sync-lock.js';
import type { LockSession, OpenLockSession } from './lock-session.js';

/** What the lock tells its owner (the container turns it into log lines). */
export interface SyncLockObserver {
  /** Another process holds the lock; this one now waits for it. */
  waiting?(): void;
  /** Emitted once the lock is held, just before the work starts. */
  acquired?(info: { waitedMs: number }): void;
  /**
   * Emitted when the work is over, just before the lock is given back: so between `acquired` and
   * `releasing` this process really held the lock, and two processes' spans never overlap.
   */
  releasing?(info: { heldMs: number }): void;
}

export interface DatabaseSyncLockOptions {
  /** How long a sync waits for another replica's sync before it gives up. Default two minutes. */
  readonly waitMs?: number;
  readonly observer?: SyncLockObserver;
}

export const DEFAULT_SYNC_LOCK_WAIT_MS = 120_000;

export class SyncLockTimeoutError extends Error {
  constructor(waitMs: number) {
    super(`another replica has held the meta sync lock for more than ${Math.round(waitMs / 1000)} s; this sync was not run`);
    this.name = 'SyncLockTimeoutError';
  }
}

/**
 * One sync at a time across every process on the database. Callers in this process first queue
 * behind each other (so a burst of webhooks holds one connection, not one each); the head of the
 * queue then opens a dedicated connection and takes the database lock, waiting for other replicas
 * rather than skipping: a replica that skipped could miss a commit pushed after the other replica
 * had fetched, while waiting costs only a second, idempotent sync.
 */
export class DatabaseSyncLock implements SyncLock {
  private readonly local = new InProcessSyncLock();
  private readonly sessions = new Set<LockSession>();
  private closed = false;

  constructor(
    private readonly openSession: OpenLockSession,
    private readonly options: DatabaseSyncLockOptions = {},
  ) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return this.local.exclusive(() => this.acrossProcesses(work));
  }

  /** Ends every open lock connection; the database frees whatever they held. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions].map((s) => s.end()));
  }

  private async acrossProcesses<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    const observer = this.options.observer ?? {};
    const session = await this.openSession();
    if (this.closed) {
      await session.end();
      throw closedError();
    }
    this.sessions.add(session);
    try {
      const startedAt = performance.now();
      if (!(await session.tryAcquire())) {
        observer.waiting?.();
        const waitMs = this.options.waitMs ?? DEFAULT_SYNC_LOCK_WAIT_MS;
        if (!(await session.acquire(waitMs))) throw new SyncLockTimeoutError(waitMs);
      }
      const acquiredAt = performance.now();
      observer.acquired?.({ waitedMs: Math.round(acquiredAt - startedAt) });
      try {
        return await work();
      } finally {
        observer.releasing?.({ heldMs: Math.round(performance.now() - acquiredAt) });
        // If this fails the connection is ended below, which frees the lock all the same.
        await session.release().catch(() => undefined);
      }
    } finally {
      this.sessions.delete(session);
      await session.end();
    }
  }
}

function closedError(): Error {
  return new Error('the meta sync lock is closed (the application is stopping)');
}
