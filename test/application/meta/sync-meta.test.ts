import { InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { SyncMeta } from '../../../src/application/meta/sync-meta.js';
import type { SyncLock } from '../../../src/application/ports/sync-lock.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource, FlakyElectionRecords } from './sync-fakes.js';

const election = (key: string, name = `Election ${key}`) => new ElectionBuilder().key(key).named(name).build();

describe('SyncMeta', () => {
  let source: FakeMetaSource;
  let reader: FakeMetaReader;
  let catalog: InMemoryElectionCatalog;
  let records: FlakyElectionRecords;
  let sync: SyncMeta;
  const clock = new FixedClock(new Date('2024-03-01T12:00:00Z'));

  beforeEach(() => {
    source = new FakeMetaSource();
    reader = new FakeMetaReader();
    catalog = new InMemoryElectionCatalog();
    records = new FlakyElectionRecords();
    sync = new SyncMeta({ source, reader, catalog, records, clock });
    reader.revisions.set('r1', { elections: [election('a'), election('b'), election('c')] });
  });

  it('fills the catalog and the database on the first sync and records the revision', async () => {
    const report = await sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, revision: 'r1', previousRevision: null, elections: 3, added: ['a', 'b', 'c'], error: null });
    expect(report.database).toEqual({ status: 'synced', added: ['a', 'b', 'c'], renamed: [], archived: [], restored: [], ballotsLeftBehind: [] });
    const snap = catalog.current();
    expect(snap.revision).toBe('r1');
    expect(snap.syncedAt).toEqual(clock.now());
    expect([...snap.elections.keys()]).toEqual(['a', 'b', 'c']);
    expect(await records.inner.syncedRevision()).toBe('r1');
    expect(source.fetches).toBe(1);
    expect(sync.lastReport()).toBe(report);
  });

  it('reports updated, removed (archived) and restored elections, never deleting rows', async () => {
    await sync.execute({ fetch: true });
    reader.revisions.set('r2', { elections: [election('a', 'Renamed A'), election('b'), election('d')] });
    source.revision = 'r2';
    const r2 = await sync.execute({ fetch: true });
    expect(r2).toMatchObject({ ok: true, added: ['d'], updated: ['a'], removed: ['c'], archived: ['c'], restored: [] });
    expect(r2.database).toMatchObject({ renamed: ['a'] });
    expect(await records.inner.list()).toContainEqual({ key: 'c', name: 'Election c', archived: true });
    reader.revisions.set('r3', { elections: [election('a', 'Renamed A'), election('b'), election('c'), election('d')] });
    source.revision = 'r3';
    const r3 = await sync.execute({ fetch: true });
    expect(r3).toMatchObject({ added: ['c'], restored: ['c'], updated: [], removed: [] });
  });

  it('keeps the last good version of an election broken at the new revision', async () => {
    await sync.execute({ fetch: true });
    const goodB = catalog.current().elections.get('b');
    reader.revisions.set('r2', { elections: [election('a'), election('c', 'New C')], broken: ['b'] });
    source.revision = 'r2';
    const report = await sync.execute({ fetch: true });
    expect(report.ok).toBe(true);
    expect(report.broken).toEqual([{ key: 'b', keptLastGood: true, keptRevision: 'r1' }]);
    expect(report.removed).toEqual([]);
    expect(report.updated).toEqual(['c']);
    expect(catalog.current().elections.get('b')).toBe(goodB);
    expect(catalog.current().revision).toBe('r2');
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/"b" is broken at this revision; its last good version \(revision r1\)/);
    expect((await records.inner.list()).find((r) => r.key === 'b')?.archived).toBe(false);
    reader.revisions.set('r3', { elections: [election('a'), election('c', 'New C')], broken: ['b'] });
    source.revision = 'r3';
    expect((await sync.execute({ fetch: true })).broken).toEqual([{ key: 'b', keptLastGood: true, keptRevision: 'r1' }]);
  });

  it('does not archive the row of an election that is broken with no good version in memory', async () => {
    await records.inner.syncAll([{ key: 'b', name: 'B from an earlier process' }]);
    reader.revisions.set('r1', { elections: [election('a')], broken: ['b'] });
    const report = await sync.execute({ fetch: true });
    expect(report.broken).toEqual([{ key: 'b', keptLastGood: false, keptRevision: null }]);
    expect(catalog.current().elections.has('b')).toBe(false);
    expect(await records.inner.list()).toContainEqual({ key: 'b', name: 'B from an earlier process', archived: false });
  });

  it('keeps serving the last good catalog when the fetch fails, and says why', async () => {
    await sync.execute({ fetch: true });
    const before = catalog.current();
    source.revision = 'r2';
    source.failure = Object.assign(new Error('Meta repository x: the remote is unreachable.'), { kind: 'unreachable' });
    const report = await sync.execute({ fetch: true });
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ stage: 'fetch', kind: 'unreachable' });
    expect(report.error?.message).toMatch(/unreachable.*revision r1 keeps serving/);
    expect(report).toMatchObject({ revision: 'r1', elections: 3 });
    expect(catalog.current()).toBe(before);
    expect(sync.lastReport()).toBe(report);
  });

  it('keeps serving the last good catalog when the reader crashes', async () => {
    await sync.execute({ fetch: true });
    const before = catalog.current();
    source.revision = 'r2';
    reader.failure = new Error('out of memory');
    const report = await sync.execute({ fetch: true });
    expect(report.error).toMatchObject({ stage: 'read' });
    expect(catalog.current()).toBe(before);
  });

  it('leaves both catalog and revision as they were when the database fails, and retries the same revision', async () => {
    await sync.execute({ fetch: true });
    const before = catalog.current();
    reader.revisions.set('r2', { elections: [election('a')] });
    source.revision = 'r2';
    records.down = true;
    const failed = await sync.execute({ fetch: true });
    expect(failed.error).toMatchObject({ stage: 'database' });
    expect(failed.database).toEqual({ status: 'failed', message: 'database unavailable' });
    expect(catalog.current()).toBe(before);
    records.down = false;
    const retried = await sync.execute({ fetch: true });
    expect(retried).toMatchObject({ ok: true, unchanged: false, revision: 'r2', removed: ['b', 'c'] });
    expect(await records.inner.syncedRevision()).toBe('r2');
  });

  it('does not re-read or touch the database for an unchanged revision', async () => {
    await sync.execute({ fetch: true });
    const snap = catalog.current();
    const calls = records.calls;
    const report = await sync.execute({ fetch: true });
    expect(report).toMatchObject({ ok: true, unchanged: true, revision: 'r1', elections: 3, added: [] });
    expect(report.database).toMatchObject({ status: 'skipped' });
    expect(reader.reads).toBe(1);
    expect(records.calls).toBe(calls);
    expect(catalog.current()).toBe(snap);
    expect(source.fetches).toBe(2);
  });

  it('always re-reads a source without revisions (plain directory)', async () => {
    source.revision = null;
    reader.revisions.set(null, { elections: [election('a')] });
    await sync.execute({ fetch: true });
    await sync.execute({ fetch: true });
    expect(reader.reads).toBe(2);
  });

  it('uses the tree on disk without fetching when asked', async () => {
    await sync.execute({ fetch: false });
    expect(source.fetches).toBe(0);
    expect(source.currents).toBe(1);
    expect(catalog.current().revision).toBe('r1');
  });

  it('syncs the catalog and says the database step was skipped when there is no database', async () => {
    const noDb = new SyncMeta({ source, reader, catalog, records: null, clock });
    const report = await noDb.execute({ fetch: true });
    expect(report.ok).toBe(true);
    expect(report.database).toEqual({ status: 'skipped', reason: 'no database is configured' });
    expect(catalog.current().elections.size).toBe(3);
  });

  it('refuses a revision where no election can be read at all instead of emptying the catalog', async () => {
    await sync.execute({ fetch: true });
    reader.revisions.set('r2', {
      elections: [],
      problems: [{ severity: 'error', file: 'elections', message: 'ELECTION_DIR "elections" does not exist' }],
    });
    source.revision = 'r2';
    const report = await sync.execute({ fetch: true });
    expect(report.error).toMatchObject({ stage: 'read' });
    expect(report.error?.message).toMatch(/no readable election.*3 elections already served are kept/);
    expect(catalog.current().elections.size).toBe(3);
    expect((await records.inner.list()).every((r) => !r.archived)).toBe(true);
  });

  it('runs concurrent syncs one after another', async () => {
    let open!: () => void;
    reader.gate = new Promise<void>((resolve) => (open = resolve));
    const first = sync.execute({ fetch: true });
    reader.revisions.set('r2', { elections: [election('z')] });
    const second = (async () => {
      await Promise.resolve();
      source.revision = 'r2';
      return sync.execute({ fetch: true });
    })();
    await new Promise((r) => setTimeout(r, 20));
    expect(reader.reads).toBe(1);
    open();
    const [a, b] = await Promise.all([first, second]);
    expect(reader.maxRunning).toBe(1);
    expect(a.revision).toBe('r1');
    expect(b).toMatchObject({ revision: 'r2', previousRevision: 'r1', added: ['z'] });
    expect(catalog.current().revision).toBe('r2');
  });

  it('takes an injected lock around each sync (replicas use a database advisory lock)', async () => {
    const events: string[] = [];
    const lock: SyncLock = {
      async exclusive(work) {
        events.push('lock');
        try {
          return await work();
        } finally {
          events.push('unlock');
        }
      },
    };
    const locked = new SyncMeta({ source, reader, catalog, records, clock, lock });
    await locked.execute({ fetch: true });
    expect(events).toEqual(['lock', 'unlock']);
  });
});
