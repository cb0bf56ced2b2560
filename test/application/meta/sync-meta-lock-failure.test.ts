/** A sync whose lock cannot be taken (database down, another replica stuck) is reported, not thrown. */
import { InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { SyncMeta } from '../../../src/application/meta/sync-meta.js';
import type { SyncLock } from '../../../src/application/ports/sync-lock.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource, FlakyElectionRecords } from './sync-fakes.js';

describe('SyncMeta when its lock fails', () => {
  const clock = new FixedClock(new Date('2024-03-01T12:00:00Z'));

  it('returns a failed report, runs nothing and keeps the serving catalog', async () => {
    const source = new FakeMetaSource();
    const reader = new FakeMetaReader();
    reader.revisions.set('r1', { elections: [new ElectionBuilder().key('a').build()] });
    const catalog = new InMemoryElectionCatalog();
    const records = new FlakyElectionRecords();
    let broken = false;
    const lock: SyncLock = {
      exclusive: (work) => (broken ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : work()),
    };
    const sync = new SyncMeta({ source, reader, catalog, records, clock, lock });
    expect((await sync.execute({ fetch: true })).ok).toBe(true);

    broken = true;
    source.revision = 'r2';
    const report = await sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: false, revision: 'r1', error: { stage: 'database' } });
    expect(report.error?.message).toMatch(/^The meta sync lock could not be taken: connect ECONNREFUSED.*The catalog at revision r1 keeps serving\.$/);
    expect(sync.lastReport()).toBe(report);
    expect(source.fetches).toBe(1);
    expect(catalog.current().revision).toBe('r1');
  });

  it('still lets an unexpected error from inside the sync surface', async () => {
    const catalog = new InMemoryElectionCatalog();
    const throwingCatalog = Object.assign(Object.create(catalog) as InMemoryElectionCatalog, {
      replace: () => {
        throw new Error('bug in the catalog');
      },
    });
    const reader = new FakeMetaReader();
    reader.revisions.set('r1', { elections: [new ElectionBuilder().key('a').build()] });
    const sync = new SyncMeta({ source: new FakeMetaSource(), reader, catalog: throwingCatalog, records: new FlakyElectionRecords(), clock });
    await expect(sync.execute({ fetch: true })).rejects.toThrow('bug in the catalog');
  });
});
