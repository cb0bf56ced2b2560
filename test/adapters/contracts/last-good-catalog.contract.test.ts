/**
 * The LastGoodCatalog port on every adapter: what a sync saved is what a restart loads, whole and
 * equal (dates, voter rolls, rendered HTML, problems, the revision each election was read at), the
 * newest save wins, and a damaged row is refused with a clear message rather than half served.
 */
import { resolve } from 'node:path';
import { FileSystemMetaReader } from '../../../src/adapters/meta/file-system-meta-reader.js';
import { InMemoryLastGoodCatalog } from '../../../src/adapters/persistence/in-memory/in-memory-last-good-catalog.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import type { LastGoodCatalog, SavedCatalog } from '../../../src/application/ports/last-good-catalog.js';
import { aCandidate, anElection } from '../../support/builders/election-builder.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { ADAPTERS, type AdapterName } from './persistence-worlds.js';
import { sqlExec, sqlRows } from '../../support/sql.js';

/** One store, and a way to open it again as a restarted process would. */
interface Store {
  readonly adapter: LastGoodCatalog;
  restart(): Promise<LastGoodCatalog>;
  /** SQL stores only: the persistence behind `adapter`, for raw looks at the row. */
  readonly persistence: TypeOrmPersistence | null;
  close(): Promise<void>;
}

async function openStore(name: AdapterName): Promise<Store> {
  if (name === 'in-memory') {
    const adapter = new InMemoryLastGoodCatalog();
    return { adapter, restart: async () => adapter, persistence: null, close: async () => undefined };
  }
  const database: ThrowawayDatabase = await createThrowawayDatabase(name);
  const opened: TypeOrmPersistence[] = [];
  const open = async () => {
    const p = await openTypeOrmPersistence(database.config, { migrate: true });
    opened.push(p);
    return p;
  };
  const first = await open();
  return {
    adapter: first.lastGoodCatalog,
    restart: async () => (await open()).lastGoodCatalog,
    persistence: first,
    close: async () => {
      for (const p of opened) await p.close();
      await database.drop();
    },
  };
}

const plain = (c: SavedCatalog | null) =>
  c && { ...c, elections: [...c.elections.entries()], readAt: [...c.readAt.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };

function aCatalog(revision: string | null, names: Record<string, string> = { alpha: 'Alpha vote' }): SavedCatalog {
  const elections = new Map(
    Object.entries(names).map(([key, name]) => [
      key,
      anElection()
        .key(key)
        .named(name)
        .officers('Olivia-Officer')
        .voters('ann', 'Zoë', 'bob-2')
        .seatCap({ field: 'employer', limit: 1 })
        .resultsHtml('<p>Results &amp; more</p>')
        .eligibility('Who **may** vote', '<p>Who <strong>may</strong> vote</p>\n')
        .exceptionDescription('Ask *us*', '<p>Ask <em>us</em></p>\n')
        .candidates(aCandidate('x', { info: { employer: 'ACME', 'chat handle': '@x' }, bioHtml: '<p>Über <em>x</em> 🗳</p>' }), aCandidate('y'))
        .build(),
    ]),
  );
  const noRoll = anElection().key('2021---no-roll').noVoterRoll().build();
  elections.set(noRoll.key, noRoll);
  return {
    revision,
    syncedAt: new Date('2024-03-01T12:34:56.789Z'),
    elections,
    problems: [
      { severity: 'warning', file: 'elections/alpha/election.yaml', line: 3, message: '`organization` is missing', hint: 'add it', electionKey: 'alpha' },
      { severity: 'error', file: 'elections/2021/a---b/election.yaml', message: 'the folder name contains ---' },
    ],
    readAt: new Map([...elections.keys()].map((k, i) => [k, i === 0 ? 'older-revision' : i === 1 ? null : revision])),
  };
}

describe.each(ADAPTERS)('LastGoodCatalog contract: %s', (name) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(name);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('loads nothing before the first save', async () => {
    expect(await store.adapter.load()).toBeNull();
  });

  it('gives back what was saved, equal in every field, after a restart', async () => {
    const saved = aCatalog('c0ffee');
    await store.adapter.save(saved);
    expect(plain(await (await store.restart()).load())).toEqual(plain(saved));
  });

  it('gives back a real meta repository read by the parser, equal to the reading', async () => {
    const reading = await new FileSystemMetaReader().read({ root: resolve('examples/demo-meta'), revision: null });
    expect(reading.elections.size).toBeGreaterThan(3);
    const saved: SavedCatalog = {
      revision: null,
      syncedAt: new Date('2025-01-02T03:04:05.000Z'),
      elections: reading.elections,
      problems: reading.problems,
      readAt: new Map([...reading.elections.keys()].map((k) => [k, null])),
    };
    await store.adapter.save(saved);
    expect(plain(await store.adapter.load())).toEqual(plain(saved));
  });

  it('replaces the saved catalog whole: the newest save is what a restart finds', async () => {
    await store.adapter.save(aCatalog('r1', { alpha: 'Alpha vote', beta: 'Beta vote' }));
    await store.adapter.save(aCatalog('r2', { gamma: 'Gamma vote' }));
    const loaded = await (await store.restart()).load();
    expect(loaded?.revision).toBe('r2');
    expect([...loaded!.elections.keys()].sort()).toEqual(['2021---no-roll', 'gamma']);
  });

  it('keeps one whole catalog when two replicas save at once', async () => {
    const other = await store.restart();
    const a = aCatalog('ra', { alpha: 'From A' });
    const b = aCatalog('rb', { beta: 'From B' });
    await Promise.all([store.adapter.save(a), other.save(b), store.adapter.save(a), other.save(b)]);
    const loaded = plain(await store.adapter.load());
    expect([plain(a), plain(b)]).toContainEqual(loaded);
  });

  it('holds a large catalog (20 elections of 10,000 voters each)', async () => {
    const names = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`big-${i}`, `Big ${i}`]));
    const big = aCatalog('big', names);
    const elections = new Map([...big.elections].map(([k, e]) => [k, { ...e, voters: new Set(Array.from({ length: 10_000 }, (_, i) => `voter-${k}-${i}`)) }]));
    await store.adapter.save({ ...big, elections });
    const loaded = await (await store.restart()).load();
    expect(loaded?.elections.get('big-7')?.voters?.size).toBe(10_000);
    expect(loaded?.elections.get('big-7')?.voters?.has('voter-big-7-9999')).toBe(true);
  }, 60_000);

  if (name !== 'in-memory') {
    it('writes nothing when the same catalog is saved again (a directory source is re-read at every poll)', async () => {
      const p = store.persistence!;
      const savedAt = () => p.db.run(({ manager }) => sqlRows<{ saved_at: unknown }>(manager, 'SELECT saved_at FROM elekto_catalog_snapshot WHERE id = 1'));
      const same = aCatalog('same');
      await store.adapter.save(same);
      const before = await savedAt();
      await new Promise((r) => setTimeout(r, 20));
      await store.adapter.save(aCatalog('same'));
      expect(await savedAt()).toEqual(before);
    });

    it('refuses a damaged row with a message that says so, never half a catalog', async () => {
      const p = store.persistence!;
      await p.db.run(({ manager }) =>
        sqlExec(manager, 'UPDATE elekto_catalog_snapshot SET payload = :payload WHERE id = 1', { payload: Buffer.from('not gzip at all') }),
      );
      await expect((await store.restart()).load()).rejects.toThrow(/The saved catalog cannot be read: it is not gzip'd JSON/);
      // The next good save repairs it.
      await store.adapter.save(aCatalog('repaired'));
      expect((await store.adapter.load())?.revision).toBe('repaired');
    });
  }
});

describe.each(['sqlite', 'postgres', 'mariadb'] as const)('LastGoodCatalog on a %s database not migrated since the table came', (kind) => {
  it('says to run `elekto migrate`', async () => {
    const database = await createThrowawayDatabase(kind);
    const p = await openTypeOrmPersistence(database.config, { migrate: true });
    try {
      // As a database left at the migrations before this table (other migrations may follow it).
      await p.db.run(({ manager }) => manager.query('DROP TABLE elekto_catalog_snapshot'));
      await expect(p.lastGoodCatalog.load()).rejects.toThrow(/elekto_catalog_snapshot is missing.*run `elekto migrate`/);
      await expect(p.lastGoodCatalog.save(aCatalog('r1'))).rejects.toThrow(/run `elekto migrate`/);
    } finally {
      await p.close();
      await database.drop();
    }
  });
});
