/**
 * Issue 10: a restart must not forget the elections. Each SyncMeta below is a new process start
 * (a new catalog, a new SyncMeta) over the same database (records and the last good catalog).
 */
import { InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { InMemoryLastGoodCatalog } from '../../../src/adapters/persistence/in-memory/in-memory-last-good-catalog.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { SyncMeta } from '../../../src/application/meta/sync-meta.js';
import type { LastGoodCatalog, SavedCatalog } from '../../../src/application/ports/last-good-catalog.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource, FlakyElectionRecords } from './sync-fakes.js';

const election = (key: string, name = `Election ${key}`) => new ElectionBuilder().key(key).named(name).build();
const FOLDER_MISSING = { severity: 'error' as const, file: 'elections', message: 'the elections folder does not exist' };

describe('SyncMeta across a restart', () => {
  let source: FakeMetaSource;
  let reader: FakeMetaReader;
  let records: FlakyElectionRecords;
  let lastGood: LastGoodCatalog;
  const clock = new FixedClock(new Date('2024-03-01T12:00:00Z'));
  /** A fresh process: empty catalog, new SyncMeta, same database. */
  const start = (store: LastGoodCatalog | null = lastGood) => {
    const catalog = new InMemoryElectionCatalog();
    return { catalog, sync: new SyncMeta({ source, reader, catalog, records, clock, lastGood: store }) };
  };

  beforeEach(async () => {
    source = new FakeMetaSource();
    reader = new FakeMetaReader();
    records = new FlakyElectionRecords();
    lastGood = new InMemoryLastGoodCatalog();
    reader.revisions.set('r1', { elections: [election('a'), election('b'), election('c')] });
    expect((await start().sync.execute({ fetch: true })).ok).toBe(true);
  });

  it('refuses a revision without the elections folder after a restart, serves the saved catalog and archives nothing', async () => {
    reader.revisions.set('r2', { elections: [], problems: [FOLDER_MISSING] });
    source.revision = 'r2';
    const { catalog, sync } = start();
    const report = await sync.execute({ fetch: true });
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ stage: 'read' });
    expect(report.error?.message).toMatch(
      /no readable election.*3 elections already served are kept.*restored from the database \(revision r1, read at 2024-03-01T12:00:00.000Z\) keeps serving/,
    );
    expect([...catalog.current().elections.keys()]).toEqual(['a', 'b', 'c']);
    expect(catalog.current().revision).toBe('r1');
    expect(sync.restoredCatalog()).toEqual({ restored: { revision: 'r1', syncedAt: clock.now(), elections: 3 }, failure: null });
    expect((await records.inner.list()).filter((r) => r.archived)).toEqual([]);
  });

  it('serves the saved catalog when the source cannot be fetched at start-up', async () => {
    source.failure = Object.assign(new Error('Meta directory /srv/meta does not exist.'), { kind: 'missing-directory' });
    const { catalog, sync } = start();
    const report = await sync.execute({ fetch: true });
    expect(report.error).toMatchObject({ stage: 'fetch', kind: 'missing-directory' });
    expect(report).toMatchObject({ revision: 'r1', elections: 3 });
    expect(catalog.current().elections.size).toBe(3);
    expect(sync.restoredCatalog().restored).not.toBeNull();
  });

  it('keeps the saved version of an election that is broken at start-up', async () => {
    const savedB = (await lastGood.load())!.elections.get('b');
    reader.revisions.set('r2', { elections: [election('a'), election('c', 'New C')], broken: ['b'] });
    source.revision = 'r2';
    const { catalog, sync } = start();
    const report = await sync.execute({ fetch: true });
    expect(report.ok).toBe(true);
    expect(report.broken).toEqual([{ key: 'b', keptLastGood: true, keptRevision: 'r1' }]);
    expect(report.removed).toEqual([]);
    expect(catalog.current().elections.get('b')).toEqual(savedB);
    expect(sync.restoredCatalog().restored).toBeNull();
    // The kept version survives the next restart too, still dated from r1.
    const again = start();
    expect((await again.sync.execute({ fetch: true })).broken).toEqual([{ key: 'b', keptLastGood: true, keptRevision: 'r1' }]);
  });

  it('re-reads the saved revision at start-up (the parser may have changed) and is no longer stale afterwards', async () => {
    const reads = reader.reads;
    const { sync } = start();
    const report = await sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, unchanged: false, revision: 'r1', added: [], removed: [] });
    expect(reader.reads).toBe(reads + 1);
    expect(sync.restoredCatalog()).toEqual({ restored: null, failure: null });
  });

  it('accepts an elections folder that exists and holds no election, and archives the rows', async () => {
    reader.revisions.set('r2', { elections: [] });
    source.revision = 'r2';
    const { catalog, sync } = start();
    const report = await sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, removed: ['a', 'b', 'c'], archived: ['a', 'b', 'c'] });
    expect(catalog.current().elections.size).toBe(0);
    expect((await lastGood.load())!.elections.size).toBe(0);
  });

  it('refuses a missing elections folder even with nothing saved: the rows of an earlier process stay', async () => {
    reader.revisions.set('r2', { elections: [], problems: [FOLDER_MISSING] });
    source.revision = 'r2';
    const { catalog, sync } = start(null);
    const report = await sync.execute({ fetch: true });
    expect(report.error?.message).toMatch(
      /no readable election \(elections: the elections folder does not exist\); it is not taken for an empty catalog\. Nothing is served: no catalog has been read yet\./,
    );
    expect(catalog.current().syncedAt).toBeNull();
    expect((await records.inner.list()).map((r) => [r.key, r.archived])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
  });

  it('fails the sync, keeping the catalog that serves, when the catalog cannot be saved', async () => {
    const failing: LastGoodCatalog = {
      load: () => lastGood.load(),
      save: async () => {
        throw new Error('disk full');
      },
    };
    reader.revisions.set('r2', { elections: [election('a')] });
    source.revision = 'r2';
    const { catalog, sync } = start(failing);
    const report = await sync.execute({ fetch: true });
    expect(report.error).toMatchObject({ stage: 'database', message: expect.stringMatching(/could not be saved for the next start: disk full/) });
    expect(catalog.current().revision).toBe('r1');
    expect((await lastGood.load())!.revision).toBe('r1');
  });

  it('says why a saved catalog could not be restored, and reads the source as usual', async () => {
    const unreadable: LastGoodCatalog = {
      load: async () => {
        throw new Error('The saved catalog cannot be read: it was written in format 9.');
      },
      save: (c: SavedCatalog) => lastGood.save(c),
    };
    source.failure = new Error('unreachable');
    const down = start(unreadable);
    expect((await down.sync.execute({ fetch: true })).error?.message).toMatch(/Nothing is served/);
    expect(down.sync.restoredCatalog()).toEqual({ restored: null, failure: expect.stringMatching(/format 9/) });
    source.failure = null;
    expect((await down.sync.execute({ fetch: true })).ok).toBe(true);
    expect(down.catalog.current().elections.size).toBe(3);
    expect(down.sync.restoredCatalog()).toEqual({ restored: null, failure: null });
  });
});
