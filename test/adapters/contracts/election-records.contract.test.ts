import { ADAPTERS, openWorld, type PersistenceWorld } from './persistence-worlds.js';

describe.each(ADAPTERS)('ElectionRecords contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  it('adds, renames, archives (never deletes) and restores elections', async () => {
    expect(
      await w.electionRecords.syncAll([
        { key: '2021---GB', name: 'GB 2021' },
        { key: 'name_the_app', name: 'NTA' },
      ]),
    ).toEqual({
      added: ['2021---GB', 'name_the_app'],
      renamed: [],
      archived: [],
      restored: [],
    });
    expect(await w.electionRecords.syncAll([{ key: '2021---GB', name: 'Governing Board 2021' }])).toEqual({
      added: [],
      renamed: ['2021---GB'],
      archived: ['name_the_app'],
      restored: [],
    });
    expect(await w.electionRecords.list()).toEqual([
      { key: '2021---GB', name: 'Governing Board 2021', archived: false },
      { key: 'name_the_app', name: 'NTA', archived: true },
    ]);
    // Archiving is idempotent; the same input again changes nothing.
    expect(await w.electionRecords.syncAll([{ key: '2021---GB', name: 'Governing Board 2021' }])).toEqual({
      added: [],
      renamed: [],
      archived: [],
      restored: [],
    });
    expect(
      await w.electionRecords.syncAll([
        { key: '2021---GB', name: 'Governing Board 2021' },
        { key: 'name_the_app', name: 'NTA' },
      ]),
    ).toEqual({ added: [], renamed: [], archived: [], restored: ['name_the_app'] });
  });

  it('keeps the ballots of an archived election', async () => {
    await w.electionRecords.syncAll([{ key: 'kept', name: 'Kept' }]);
    const user = await w.users.upsertFromSignIn('archivist', null);
    await w.ballotBox.cast({ electionKey: 'kept', userId: user.id, ballotId: crypto.randomUUID(), entries: [{ candidate: 'a', rank: 1 }], link: null });
    await w.electionRecords.syncAll([]);
    expect((await w.electionRecords.list()).every((r) => r.archived)).toBe(true);
    expect(await w.ballotBox.countBallots('kept')).toBe(1);
  });

  it('records the synced meta revision', async () => {
    expect(await w.electionRecords.syncedRevision()).toBeNull();
    await w.electionRecords.recordSyncedRevision('0123456789abcdef0123456789abcdef01234567');
    expect(await w.electionRecords.syncedRevision()).toBe('0123456789abcdef0123456789abcdef01234567');
    await w.electionRecords.recordSyncedRevision(null);
    expect(await w.electionRecords.syncedRevision()).toBeNull();
  });
});
