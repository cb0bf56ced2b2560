/** The meta sync lock over a SQL database: what lets several replicas share one database. */
export { createSyncLock, type ClosableSyncLock } from './create-sync-lock.js';
export {
  DatabaseSyncLock,
  DEFAULT_SYNC_LOCK_WAIT_MS,
  SyncLockTimeoutError,
  type DatabaseSyncLockOptions,
  type SyncLockObserver,
} from './database-sync-lock.js';
export { mysqlSyncLockName } from './mysql-lock-session.js';
export { POSTGRES_SYNC_LOCK_KEY } from './postgres-lock-session.js';
