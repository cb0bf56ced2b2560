import { ContainerModule, type Container } from 'inversify';
import { InMemoryElectionRecords, InMemoryLastGoodCatalog } from '../../adapters/persistence/in-memory/index.js';
import {
  ElectionKeyScope,
  ScopedBallotBox,
  ScopedElectionRecords,
  ScopedExceptionRequests,
  ScopedFrozenBulletins,
  ScopedPassphraseAttempts,
} from '../../adapters/persistence/organization-scope/index.js';
import { InProcessSyncLock } from '../../application/meta/in-process-sync-lock.js';
import type { AppConfig } from '../config/app-config.js';
import type { OrganizationConfig } from '../config/organizations-file.js';
import { TOKENS as T } from '../tokens.js';
import { bindFactory } from './../container/binding.js';

/** The instance configuration as one organization's services see it: its meta source, its secret. */
export function organizationAppConfig(config: AppConfig, org: OrganizationConfig): AppConfig {
  const { secretEnv: _name, ...meta } = org.meta;
  return { ...config, meta: { ...config.meta, ...meta } };
}

/**
 * One organization's view of the shared stores, bound in its own (child) container: the instance's
 * ballot box, exception requests, passphrase attempts and frozen bulletins with its election keys
 * mapped into its scope; its own election rows, synced revision, last good catalog and sync lock.
 */
export function organizationStoresModule(config: AppConfig, org: OrganizationConfig, parent: Container): ContainerModule {
  const scope = new ElectionKeyScope(org.key, org.default);
  const shared = <X>(token: symbol) => parent.getAsync<X>(token);
  return new ContainerModule(({ bind }) => {
    bindFactory(bind, T.BallotBox, [], async () => new ScopedBallotBox(await shared(T.BallotBox), scope));
    bindFactory(bind, T.ExceptionRequests, [], async () => new ScopedExceptionRequests(await shared(T.ExceptionRequests), scope));
    bindFactory(bind, T.PassphraseAttempts, [], async () => new ScopedPassphraseAttempts(await shared(T.PassphraseAttempts), scope));
    bindFactory(bind, T.FrozenBulletins, [], async () => new ScopedFrozenBulletins(await shared(T.FrozenBulletins), scope));
    const db = config.database;
    if (db.dialect === 'memory') {
      bindFactory(bind, T.ElectionRecords, [], () => new ScopedElectionRecords(new InMemoryElectionRecords(), scope));
      bindFactory(bind, T.LastGoodCatalog, [], () => new InMemoryLastGoodCatalog());
      bindFactory(bind, T.SyncLock, [], () => new InProcessSyncLock());
      return;
    }
    bindFactory(bind, T.ElectionRecords, [T.TypeOrm], async (p) => {
      const { TypeOrmElectionRecords, organizationSlots } = await import('../../adapters/persistence/typeorm/index.js');
      const inner = new TypeOrmElectionRecords(p.db, {
        owns: (k) => scope.owns(k),
        // Organization keys are [a-z0-9-]: nothing in them is a LIKE wildcard.
        keyPattern: org.default ? { like: '%/%', negate: true } : { like: `${org.key}/%`, negate: false },
        syncState: organizationSlots(org.key, org.default).syncState,
      });
      return new ScopedElectionRecords(inner, scope);
    });
    bindFactory(bind, T.LastGoodCatalog, [T.TypeOrm], async (p) => {
      const { TypeOrmLastGoodCatalog, organizationSlots } = await import('../../adapters/persistence/typeorm/index.js');
      return new TypeOrmLastGoodCatalog(p.db, organizationSlots(org.key, org.default).catalogSnapshot);
    });
    bindFactory(bind, T.SyncLock, [T.Lifecycle, T.Logger], async (lifecycle, logger) => {
      const { createSyncLock } = await import('../../adapters/persistence/sync-lock/index.js');
      const log = logger.child({ organization: org.key });
      // The default organization shares the original lock with replicas not yet moved to ORGANIZATIONS_FILE.
      const lock = createSyncLock(
        db,
        {
          observer: {
            waiting: () => log.info('another replica is syncing this organization; waiting for its sync lock'),
            acquired: ({ waitedMs }) => log.debug({ waitedMs }, 'meta sync lock acquired'),
            releasing: ({ heldMs }) => log.debug({ heldMs }, 'meta sync lock releasing'),
          },
        },
        org.default ? null : org.key,
      );
      lifecycle.onClose(`meta sync lock of ${org.key}`, () => lock.close());
      return lock;
    });
  });
}
