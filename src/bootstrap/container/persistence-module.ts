import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ContainerModule } from 'inversify';
import {
  InMemoryBallotBox,
  InMemoryElectionRecords,
  InMemoryExceptionRequests,
  InMemoryFrozenBulletins,
  InMemoryLastGoodCatalog,
  InMemoryPassphraseAttempts,
  InMemoryUsers,
  InMemoryWebhookDeliveries,
} from '../../adapters/persistence/in-memory/index.js';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS as T } from '../tokens.js';
import { bindFactory } from './binding.js';

/**
 * Users, ballots, exception requests, election rows, passphrase attempts, webhook deliveries and
 * the last good meta catalog: in memory (DB_CONNECTION=memory) or in one TypeORM data source
 * (PostgreSQL, MySQL/MariaDB, SQLite), opened on first use. Only the demo migrates by itself; elsewhere `elekto migrate` does, as in Elekto.
 * With a SQL database the meta sync lock lives there too, so replicas sync one at a time.
 */
export function persistenceModule(config: AppConfig): ContainerModule {
  const db = config.database;
  return new ContainerModule(({ bind }) => {
    if (db.dialect === 'memory') {
      bindFactory(bind, T.Users, [], () => new InMemoryUsers());
      bindFactory(bind, T.BallotBox, [], () => new InMemoryBallotBox(undefined, { batchSize: config.ballots.batchSize }));
      bindFactory(bind, T.ElectionRecords, [], () => new InMemoryElectionRecords());
      bindFactory(bind, T.ExceptionRequests, [T.Users], (users) => new InMemoryExceptionRequests(users));
      bindFactory(bind, T.PassphraseAttempts, [T.Clock], (clock) => new InMemoryPassphraseAttempts(clock));
      bindFactory(bind, T.LastGoodCatalog, [], () => new InMemoryLastGoodCatalog());
      bindFactory(bind, T.WebhookDeliveries, [], () => new InMemoryWebhookDeliveries());
      bindFactory(bind, T.FrozenBulletins, [], () => new InMemoryFrozenBulletins());
      bindFactory(bind, T.WriteHealth, [], () => () => ({ ok: true, detail: 'in memory' }));
      return;
    }
    bindFactory(bind, T.TypeOrm, [T.Lifecycle, T.Logger], async (lifecycle, logger) => {
      // Imported here so that in-memory runs and CLI commands without a database never load TypeORM.
      const { openTypeOrmPersistence } = await import('../../adapters/persistence/typeorm/index.js');
      if (db.dialect === 'sqlite') mkdirSync(dirname(db.path), { recursive: true });
      const persistence = await openTypeOrmPersistence(db, {
        migrate: config.demo,
        ballotPool: {
          appKey: config.app.key,
          batchSize: config.ballots.batchSize,
          // Name and message only: a driver error carries the statement's parameters (ballot rows).
          onFlushError: (e) =>
            logger.warn(
              { error: (e as Error)?.name, code: (e as { code?: unknown })?.code },
              `pending ballots stay in the pool for now: ${(e as Error)?.message}`,
            ),
        },
      });
      lifecycle.onClose('database', () => persistence.close());
      if (!config.demo && (await persistence.dataSource.showMigrations())) {
        logger.warn('the database schema is not up to date: run `elekto migrate` (pages that need the missing changes will fail)');
      }
      return persistence;
    });
    bindFactory(bind, T.Users, [T.TypeOrm], (p) => p.users);
    bindFactory(bind, T.BallotBox, [T.TypeOrm], (p) => p.ballotBox);
    bindFactory(bind, T.ElectionRecords, [T.TypeOrm], (p) => p.electionRecords);
    bindFactory(bind, T.ExceptionRequests, [T.TypeOrm], (p) => p.exceptionRequests);
    bindFactory(bind, T.PassphraseAttempts, [T.TypeOrm], (p) => p.passphraseAttempts);
    bindFactory(bind, T.LastGoodCatalog, [T.TypeOrm], (p) => p.lastGoodCatalog);
    bindFactory(bind, T.WebhookDeliveries, [T.TypeOrm], (p) => p.webhookDeliveries);
    bindFactory(bind, T.FrozenBulletins, [T.TypeOrm], (p) => p.frozenBulletins);
    bindFactory(bind, T.WriteHealth, [T.TypeOrm], (p) => () => p.db.writeHealth());
    // Loaded before the meta module, which binds an in-process lock only when none is bound here.
    bindFactory(bind, T.SyncLock, [T.Lifecycle, T.Logger], async (lifecycle, logger) => {
      const { createSyncLock } = await import('../../adapters/persistence/sync-lock/index.js');
      const lock = createSyncLock(db, {
        observer: {
          waiting: () => logger.info('another replica is syncing the meta repository; waiting for the sync lock'),
          acquired: ({ waitedMs }) => logger.debug({ waitedMs }, 'meta sync lock acquired'),
          releasing: ({ heldMs }) => logger.debug({ heldMs }, 'meta sync lock releasing'),
        },
      });
      lifecycle.onClose('meta sync lock', () => lock.close());
      return lock;
    });
  });
}
