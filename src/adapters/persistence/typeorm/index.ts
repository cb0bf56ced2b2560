/** The TypeORM persistence adapters (PostgreSQL, MySQL/MariaDB, SQLite) and their wiring. */
import type { DataSource } from 'typeorm';
import { openMigrated, type DataSourceExtras, type TypeOrmDatabaseConfig } from './create-data-source.js';
import { PendingBallotCipher } from './pending-ballot-cipher.js';
import { SqlDatabase } from './sql-database.js';
import { TypeOrmBallotBox, type TypeOrmBallotBoxOptions } from './typeorm-ballot-box.js';
import { TypeOrmElectionRecords } from './typeorm-election-records.js';
import { TypeOrmExceptionRequests } from './typeorm-exception-requests.js';
import { TypeOrmLastGoodCatalog } from './typeorm-last-good-catalog.js';
import { TypeOrmPassphraseAttempts } from './typeorm-passphrase-attempts.js';
import { TypeOrmUsers } from './typeorm-users.js';
import { TypeOrmWebhookDeliveries } from './typeorm-webhook-deliveries.js';
import { TypeOrmFrozenBulletins } from './typeorm-frozen-bulletins.js';

export { createDataSource, openMigrated, type TypeOrmDatabaseConfig } from './create-data-source.js';
export { DuplicateVotersError, MIGRATIONS, MIGRATIONS_TABLE } from './migrations/index.js';
export { SqlDatabase } from './sql-database.js';
export { organizationSlots, type RowSlot } from './row-slot.js';
export { syncedRevisions } from './synced-revisions.js';
export { PendingBallotCipher, PendingBallotUnreadableError } from './pending-ballot-cipher.js';
export { DEFAULT_BATCH_SIZE } from './typeorm-ballot-box.js';
export {
  TypeOrmBallotBox,
  TypeOrmElectionRecords,
  TypeOrmExceptionRequests,
  TypeOrmLastGoodCatalog,
  TypeOrmPassphraseAttempts,
  TypeOrmUsers,
  TypeOrmWebhookDeliveries,
  TypeOrmFrozenBulletins,
};

export interface TypeOrmPersistence {
  readonly dataSource: DataSource;
  readonly db: SqlDatabase;
  readonly ballotBox: TypeOrmBallotBox;
  readonly users: TypeOrmUsers;
  readonly electionRecords: TypeOrmElectionRecords;
  readonly exceptionRequests: TypeOrmExceptionRequests;
  readonly passphraseAttempts: TypeOrmPassphraseAttempts;
  readonly lastGoodCatalog: TypeOrmLastGoodCatalog;
  readonly webhookDeliveries: TypeOrmWebhookDeliveries;
  readonly frozenBulletins: TypeOrmFrozenBulletins;
  close(): Promise<void>;
}

/** How ballots wait in the pending pool (docs/ballot-secrecy.md). */
export interface BallotPoolOptions extends Omit<TypeOrmBallotBoxOptions, 'cipher'> {
  /** APP_KEY: the pool's sealing key is derived from it. Tests may leave it out (then ''). */
  readonly appKey?: string;
}

/** Every adapter over one data source. `migrate: true` applies pending migrations first. */
export async function openTypeOrmPersistence(
  config: TypeOrmDatabaseConfig,
  options: DataSourceExtras & { migrate?: boolean; ballotPool?: BallotPoolOptions } = {},
): Promise<TypeOrmPersistence> {
  const { dataSource } = await openMigrated(config, { ...options, skipMigrations: options.migrate === false });
  return persistenceOn(dataSource, options.ballotPool);
}

export async function persistenceOn(dataSource: DataSource, ballotPool: BallotPoolOptions = {}): Promise<TypeOrmPersistence> {
  const db = new SqlDatabase(dataSource);
  const { appKey, ...poolOptions } = ballotPool;
  const cipher = await PendingBallotCipher.fromSecret(appKey ?? '');
  return {
    dataSource,
    db,
    ballotBox: new TypeOrmBallotBox(db, { ...poolOptions, cipher }),
    users: new TypeOrmUsers(db),
    electionRecords: new TypeOrmElectionRecords(db),
    exceptionRequests: new TypeOrmExceptionRequests(db),
    passphraseAttempts: new TypeOrmPassphraseAttempts(db),
    lastGoodCatalog: new TypeOrmLastGoodCatalog(db),
    webhookDeliveries: new TypeOrmWebhookDeliveries(db),
    frozenBulletins: new TypeOrmFrozenBulletins(db),
    close: () => dataSource.destroy(),
  };
}
