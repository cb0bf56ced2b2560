/**
 * SyncMeta end to end over real parts: a bare git remote holding Elekto's sample meta repository,
 * the git binary, the real parser (FileSystemMetaReader), the in-memory catalog and election table.
 */
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryElectionCatalog } from '../../../../src/adapters/catalog/in-memory-election-catalog.js';
import { FileSystemMetaReader } from '../../../../src/adapters/meta/file-system-meta-reader.js';
import { DirectoryMetaSource } from '../../../../src/adapters/meta/sources/directory-meta-source.js';
import { GitCliMetaSource } from '../../../../src/adapters/meta/sources/git-cli-meta-source.js';
import { InMemoryElectionRecords } from '../../../../src/adapters/persistence/in-memory/in-memory-election-records.js';
import { SystemClock } from '../../../../src/adapters/system/system-clock.js';
import { SyncMeta } from '../../../../src/application/meta/sync-meta.js';
import { GitFixture, git } from './git-fixture.js';

const SAMPLE = join(process.cwd(), 'test/fixtures/meta/elekto-meta-test');
const KEYS = ['2021---GB', '2021---TOC', 'name_the_app'];

describe('SyncMeta over git and the real meta parser', () => {
  let fx: GitFixture;
  let catalog: InMemoryElectionCatalog;
  let records: InMemoryElectionRecords;
  let sync: SyncMeta;

  beforeEach(() => {
    fx = new GitFixture();
    cpSync(SAMPLE, fx.work, { recursive: true });
    fx.commit({}, 'sample meta');
    fx.push();
    catalog = new InMemoryElectionCatalog();
    records = new InMemoryElectionRecords();
    const source = new GitCliMetaSource({ repo: fx.remote, path: fx.checkout, branch: 'main' });
    sync = new SyncMeta({ source, reader: new FileSystemMetaReader({ electionDir: 'elections' }), catalog, records, clock: new SystemClock() });
  });
  afterEach(() => fx.cleanup());

  it('syncs the sample repository, follows a move, keeps a broken election, survives a lost remote', async () => {
    const first = await sync.execute({ fetch: true });
    expect(first).toMatchObject({ ok: true, added: KEYS, elections: 3, broken: [] });
    expect(first.revision).toBe(git(fx.work, 'rev-parse', 'HEAD'));
    expect(catalog.current().elections.get('2021---GB')?.name).toBe('Select our 2021 General Board Rep');
    expect((await records.list()).map((r) => r.key)).toEqual(KEYS);
    expect(await records.syncedRevision()).toBe(first.revision);

    // Elekto deleted the moved election with its ballots; here the old row is archived.
    git(fx.work, 'mv', 'elections/name_the_app', 'elections/2021/NTA');
    fx.commit({}, 'move');
    fx.push();
    const moved = await sync.execute({ fetch: true });
    expect(moved).toMatchObject({ ok: true, added: ['2021---NTA'], removed: ['name_the_app'], archived: ['name_the_app'] });

    const goodGB = catalog.current().elections.get('2021---GB');
    writeFileSync(join(fx.work, 'elections/2021/GB/election.yaml'), 'name: [unclosed\n');
    fx.commit({ 'elections/2021/TOC/election_desc.md': 'A **new** description.\n' }, 'break GB, edit TOC');
    fx.push();
    const broken = await sync.execute({ fetch: true });
    expect(broken.ok).toBe(true);
    expect(broken.broken).toEqual([{ key: '2021---GB', keptLastGood: true, keptRevision: moved.revision }]);
    expect(broken.updated).toEqual(['2021---TOC']);
    expect(broken.problems.some((p) => p.severity === 'error' && p.file.includes('2021/GB/election.yaml'))).toBe(true);
    expect(catalog.current().elections.get('2021---GB')).toBe(goodGB);
    expect(catalog.current().elections.get('2021---TOC')?.descriptionHtml).toContain('<strong>new</strong>');
    expect((await records.list()).find((r) => r.key === '2021---GB')?.archived).toBe(false);

    const again = await sync.execute({ fetch: true });
    expect(again).toMatchObject({ ok: true, unchanged: true, revision: broken.revision });

    const serving = catalog.current();
    renameSync(fx.remote, `${fx.remote}.gone`);
    const lost = await sync.execute({ fetch: true });
    expect(lost.ok).toBe(false);
    expect(lost.error).toMatchObject({ stage: 'fetch', kind: 'unreachable' });
    expect(catalog.current()).toBe(serving);
  });
});

describe('SyncMeta over a plain directory and the real meta parser', () => {
  it('re-reads the directory only when its files changed (the revision is a hash of them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-dir-sync-'));
    try {
      cpSync(SAMPLE, dir, { recursive: true });
      const catalog = new InMemoryElectionCatalog();
      const sync = new SyncMeta({
        source: new DirectoryMetaSource(dir, { electionDir: 'elections' }),
        reader: new FileSystemMetaReader({ electionDir: 'elections' }),
        catalog,
        records: null,
        clock: new SystemClock(),
      });
      const first = await sync.execute({ fetch: true });
      expect(first).toMatchObject({ ok: true, elections: 3, database: { status: 'skipped' } });
      expect(first.revision).toMatch(/^[0-9a-f]{64}$/);
      const second = await sync.execute({ fetch: false });
      expect(second).toMatchObject({ ok: true, unchanged: true, revision: first.revision });
      writeFileSync(join(dir, 'elections', 'name_the_app', 'election_desc.md'), 'A new description.\n');
      const third = await sync.execute({ fetch: true });
      expect(third).toMatchObject({ ok: true, unchanged: false, updated: ['name_the_app'] });
      expect(third.revision).not.toBe(first.revision);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
