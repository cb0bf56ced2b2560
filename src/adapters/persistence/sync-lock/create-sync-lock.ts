import { InProcessSyncLock } from '../../../application/meta/in-process-sync-lock.js';
import type { SyncLock } from '../../../application/ports/sync-lock.js';
import type { TypeOrmDatabaseConfig } from '../typeorm/create-data-source.js';
import { DatabaseSyncLock, type DatabaseSyncLockOptions } from './database-sync-lock.js';
import { openMysqlLockSession } from './mysql-lock-session.js';
import { openPostgresLockSession } from './postgres-lock-session.js';

export interface ClosableSyncLock extends SyncLock {
  close(): Promise<void>;
}

/** One lock per SQLite file in this process: two data sources on one file share it. */
const sqliteLocks = new Map<string, InProcessSyncLock>();

/**
 * The meta sync lock for a database: an advisory lock (PostgreSQL) or a named lock (MySQL/MariaDB)
 * held on a dedicated connection, so replicas sharing the database sync one at a time. SQLite is one
 * file that one process serves, so an in-process queue is enough there; several processes on one
 * SQLite file are not a supported deployment.
 */
export function createSyncLock(
  config: TypeOrmDatabaseConfig,
  options: DatabaseSyncLockOptions = {},
  /** ORGANIZATIONS_FILE: this organization's own lock; null (the default one too): the original lock. */
  organization: string | null = null,
): ClosableSyncLock {
  switch (config.dialect) {
    case 'postgres':
      return new DatabaseSyncLock(() => openPostgresLockSession(config, organization), options);
    case 'mysql':
      return new DatabaseSyncLock(() => openMysqlLockSession(config, organization), options);
    case 'sqlite': {
      const id = organization === null ? config.path : `${config.path}#${organization}`;
      let lock = sqliteLocks.get(id);
      if (!lock) sqliteLocks.set(id, (lock = new InProcessSyncLock()));
      const shared = lock;
      return { exclusive: (work) => shared.exclusive(work), close: async () => undefined };
    }
  }
}
