/**
 * One dedicated database connection that can hold the meta sync lock. The lock belongs to the
 * connection (a PostgreSQL advisory lock, a MySQL/MariaDB named lock), so the server frees it
 * whenever the connection ends: after `end()`, when the process crashes, or when the network drops.
 * That is why the lock never borrows a pooled connection: a pooled one would outlive the sync and
 * could carry a lock it failed to release back into the pool.
 */
export interface LockSession {
  /** Takes the lock if nobody holds it; false at once otherwise. */
  tryAcquire(): Promise<boolean>;
  /** Waits up to `waitMs` for the lock; false when the wait ran out. */
  acquire(waitMs: number): Promise<boolean>;
  /** Gives the lock back (ending the session would too; this just does it sooner). */
  release(): Promise<void>;
  /** Closes the connection, and with it any lock it still holds. Never throws. */
  end(): Promise<void>;
}

export type OpenLockSession = () => Promise<LockSession>;
