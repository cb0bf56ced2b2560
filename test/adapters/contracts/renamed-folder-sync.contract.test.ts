/**
 * A renamed election folder is a new election (its key is the folder path, as in Elekto): the old
 * one is archived with its ballots and the new one starts an empty roll of who has voted. The sync
 * report must say so when the archived election holds ballots, on every database.
 */
import { randomUUID } from 'node:crypto';
import { InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { ListArchivedWithBallots } from '../../../src/application/elections/archived-elections.js';
import { SyncMeta } from '../../../src/application/meta/sync-meta.js';
import { FixedCatalog } from '../../support/builders/fixed-catalog.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';
import { FakeMetaReader, FakeMetaSource } from '../../application/meta/sync-fakes.js';
import { ADAPTERS, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const election = (key: string, name: string) => new ElectionBuilder().key(key).named(name).build();

describe.each(ADAPTERS)('sync report on a renamed folder: %s', (adapter) => {
  let w: PersistenceWorld;
  let userId: number;
  beforeAll(async () => {
    w = await openWorld(adapter);
    userId = (await w.users.upsertFromSignIn('renamed-voter', 'Voter')).id;
  });
  afterAll(() => w?.close());

  /** Syncs `before`, casts `ballots` ballots in its first election, then syncs `after`. */
  async function renameAfterVoting(before: [string, string][], after: [string, string][], ballots: number) {
    const source = new FakeMetaSource();
    const reader = new FakeMetaReader();
    const sync = new SyncMeta({
      source,
      reader,
      catalog: new InMemoryElectionCatalog(),
      records: w.electionRecords,
      ballots: w.ballotBox,
      clock: new FixedClock(new Date('2024-03-01T12:00:00Z')),
    });
    reader.revisions.set('r1', { elections: before.map(([k, n]) => election(k, n)) });
    expect((await sync.execute({ fetch: true })).ok).toBe(true);
    for (let i = 0; i < ballots; i++) {
      const voter = i === 0 ? userId : (await w.users.upsertFromSignIn(`renamed-voter-${i}-${randomUUID().slice(0, 6)}`, 'V')).id;
      await w.ballotBox.cast({ electionKey: before[0]![0], userId: voter, ballotId: randomUUID(), entries: [{ candidate: 'ada', rank: 1 }], link: null });
    }
    reader.revisions.set('r2', { elections: after.map(([k, n]) => election(k, n)) });
    source.revision = 'r2';
    return sync.execute({ fetch: true });
  }

  it('warns when an election with ballots leaves in the change that adds one of the same name', async () => {
    const [old, renamed, other] = [freshKey('gb'), freshKey('gb'), freshKey('toc')];
    const name = `Steering ${old}`;
    const report = await renameAfterVoting(
      [
        [old, name],
        [other, `TOC ${other}`],
      ],
      [
        [renamed, name],
        [other, `TOC ${other}`],
      ],
      2,
    );
    expect(report.ok).toBe(true);
    expect(report.archived).toEqual([old]);
    expect(report.database).toMatchObject({ status: 'synced', ballotsLeftBehind: [{ from: { key: old, name }, to: { key: renamed, name }, ballots: 2 }] });
    const warning = report.problems.find((p) => p.electionKey === renamed);
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning?.message).toContain(`"${old}"`);
    expect(warning?.message).toContain('2 ballots');
    expect(warning?.message).toMatch(/empty roll of who has voted/);
    // The old election keeps its ballots, archived.
    expect(await w.ballotBox.countBallots(old)).toBe(2);
    expect((await w.electionRecords.list()).find((r) => r.key === old)).toMatchObject({ archived: true });
  });

  it('matches on the folder name when the election.yaml name changed too', async () => {
    const old = `y2021---${freshKey('board')}`;
    const moved = `y2022---${old.split('---')[1]}`;
    const report = await renameAfterVoting([[old, `Board ${old}`]], [[moved, `Board election ${moved}`]], 1);
    expect(report.database).toMatchObject({ ballotsLeftBehind: [{ from: { key: old }, to: { key: moved }, ballots: 1 }] });
  });

  it('says nothing when the archived election holds no ballot, or the new one has another name', async () => {
    const [a, b] = [freshKey('a'), freshKey('b')];
    const empty = await renameAfterVoting([[a, `Same ${a}`]], [[b, `Same ${a}`]], 0);
    expect(empty.database).toMatchObject({ status: 'synced', archived: [a], ballotsLeftBehind: [] });
    const [c, d] = [freshKey('c'), freshKey('d')];
    const unrelated = await renameAfterVoting([[c, `Old ${c}`]], [[d, `New ${d}`]], 1);
    expect(unrelated.database).toMatchObject({ status: 'synced', archived: [c], ballotsLeftBehind: [] });
    expect(unrelated.problems.filter((p) => /empty roll/.test(p.message))).toEqual([]);
  });

  it("lists the archived election with its ballots for the new election's officers", async () => {
    const [old, renamed] = [freshKey('council'), freshKey('council')];
    const name = `Council ${old}`;
    await renameAfterVoting([[old, name]], [[renamed, name]], 3);
    const current = new ElectionBuilder().key(renamed).named(name).officers('olivia').build();
    const list = new ListArchivedWithBallots(new FixedCatalog([current]), w.electionRecords, w.ballotBox);
    const archived = await list.execute({ electionKey: renamed, requester: null });
    expect(archived[0]).toEqual({ key: old, name, ballots: 3, sameName: true });
    expect(archived.every((a) => a.ballots > 0)).toBe(true);
  });
});
