/**
 * Serialises meta syncs. In one process a promise chain is enough (InProcessSyncLock); with several
 * replicas on one database an adapter takes a database advisory lock around the same work, so only
 * one replica syncs at a time.
 */
export interface SyncLock {
  /** Runs `work` when no other holder of the lock is running, and releases the lock afterwards. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}
