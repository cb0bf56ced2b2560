/**
 * Two replicas started together (issue 14, 1,000 organizations): the second to sync an organization
 * serves the catalog the first has just saved at the same revision instead of reading it again.
 * Anything less certain is read as before.
 */
import { InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { InMemoryLastGoodCatalog } from '../../../src/adapters/persistence/in-memory/in-memory-last-good-catalog.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { SyncMeta } from '../../../src/application/meta/sync-meta.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource, FlakyElectionRecords } from './sync-fakes.js';

const election = (key: string) => new ElectionBuilder().key(key).named(`Election ${key}`).build();

describe('SyncMeta serving a catalog another replica saved after this one started', () => {
  let source: FakeMetaSource;
  let records: FlakyElectionRecords;
  let lastGood: InMemoryLastGoodCatalog;
  const clock = new FixedClock(new Date('2024-03-01T12:00:00Z'));
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  /** A replica: its own catalog and reader, the shared database. */
  const replica = (startedAt?: Date) => {
    const catalog = new InMemoryElectionCatalog();
    const reader = new FakeMetaReader();
    reader.revisions.set('r1', { elections: [election('a'), election('b')] });
    reader.revisions.set('r2', { elections: [election('a'), election('b'), election('c')] });
    return { catalog, reader, sync: new SyncMeta({ source, reader, catalog, records, clock, lastGood, startedAt }) };
  };

  beforeEach(() => {
    source = new FakeMetaSource();
    records = new FlakyElectionRecords();
    lastGood = new InMemoryLastGoodCatalog();
  });

  it('does not read again the revision the other replica has just synced, and serves it as synced', async () => {
    const a = replica();
    const b = replica();
    later(1000);
    expect((await a.sync.execute({ fetch: true })).ok).toBe(true);
    const report = await b.sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, unchanged: true, revision: 'r1', elections: 2 });
    expect(report.database).toEqual({ status: 'skipped', reason: expect.stringMatching(/another replica synced this revision/) as string });
    expect(b.reader.reads).toBe(0);
    expect([...b.catalog.current().elections.keys()]).toEqual(['a', 'b']);
    expect(b.sync.restoredCatalog()).toEqual({ restored: null, failure: null });
    // Its next sync of the same revision is an ordinary unchanged one; a new revision is read.
    expect((await b.sync.execute({ fetch: true })).unchanged).toBe(true);
    source.revision = 'r2';
    expect(await b.sync.execute({ fetch: true })).toMatchObject({ ok: true, unchanged: false, elections: 3 });
    expect(b.reader.reads).toBe(1);
  });

  it("counts from when the process started, not from when an organization's services were made on first use", async () => {
    const processStart = clock.now();
    const a = replica();
    later(1000);
    await a.sync.execute({ fetch: true });
    later(1000);
    const b = replica(processStart);
    expect(await b.sync.execute({ fetch: true })).toMatchObject({ ok: true, unchanged: true, elections: 2 });
    expect(b.reader.reads).toBe(0);
  });

  it('reads again after a restart: a catalog saved before this process started may be from another version', async () => {
    const a = replica();
    later(1000);
    await a.sync.execute({ fetch: true });
    const restarted = replica();
    later(1000);
    expect(await restarted.sync.execute({ fetch: true })).toMatchObject({ ok: true, unchanged: false });
    expect(restarted.reader.reads).toBe(1);
  });

  it('reads when the saved catalog is of another revision than the source shows', async () => {
    const a = replica();
    const b = replica();
    later(1000);
    await a.sync.execute({ fetch: true });
    source.revision = 'r2';
    expect(await b.sync.execute({ fetch: true })).toMatchObject({ ok: true, unchanged: false, elections: 3 });
    expect(b.reader.reads).toBe(1);
  });

  it('reads when the revision recorded with the rows is not the saved one', async () => {
    const a = replica();
    const b = replica();
    later(1000);
    await a.sync.execute({ fetch: true });
    await records.inner.recordSyncedRevision('r0');
    expect(await b.sync.execute({ fetch: true })).toMatchObject({ ok: true, unchanged: false });
    expect(b.reader.reads).toBe(1);
  });

  it('reads when the saved catalog has a broken election (which versions it keeps only a read tells)', async () => {
    const a = replica();
    const b = replica();
    a.reader.revisions.set('r1', { elections: [election('a')], broken: ['b'] });
    b.reader.revisions.set('r1', { elections: [election('a')], broken: ['b'] });
    later(1000);
    await a.sync.execute({ fetch: true });
    const report = await b.sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, unchanged: false });
    expect(report.broken).toEqual([expect.objectContaining({ key: 'b' })]);
    expect(b.reader.reads).toBe(1);
  });
});
