import { ContainerModule } from 'inversify';
import { InMemoryElectionCatalog } from '../../adapters/catalog/in-memory-election-catalog.js';
import { FileSystemMetaReader } from '../../adapters/meta/file-system-meta-reader.js';
import { createMetaSource } from '../../adapters/meta/sources/create-meta-source.js';
import { InProcessSyncLock } from '../../application/meta/in-process-sync-lock.js';
import { MeteredSyncMeta } from './metered-sync-meta.js';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS as T } from '../tokens.js';
import { bindFactory } from './binding.js';

/** Where the meta repository comes from (META_DRIVER), how it is read, the catalog pages read, and sync. */
export function metaModule(config: AppConfig, options: { startedAt?: Date } = {}): ContainerModule {
  const meta = config.meta;
  return new ContainerModule(({ bind, isBound }) => {
    bindFactory(bind, T.MetaSource, [], () =>
      createMetaSource({ driver: meta.driver, repo: meta.repo ?? '', path: meta.path, branch: meta.branch, electionDir: meta.electionDir }),
    );
    bindFactory(bind, T.MetaReader, [], () => new FileSystemMetaReader({ electionDir: meta.electionDir }));
    bindFactory(bind, T.ElectionCatalog, [], () => new InMemoryElectionCatalog());
    // The persistence module binds a database advisory lock for SQL databases; else one per process.
    if (!isBound(T.SyncLock)) bindFactory(bind, T.SyncLock, [], () => new InProcessSyncLock());
    bindFactory(
      bind,
      T.SyncMeta,
      [T.MetaSource, T.MetaReader, T.ElectionCatalog, T.ElectionRecords, T.BallotBox, T.Clock, T.SyncLock, T.LastGoodCatalog, T.Metrics],
      (source, reader, catalog, records, ballots, clock, lock, lastGood, metrics) =>
        new MeteredSyncMeta({ source, reader, catalog, records, ballots, clock, lock, lastGood, ...options }, (report) => metrics.syncFinished(report)),
    );
  });
}
