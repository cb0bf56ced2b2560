/**
 * Replicas following many organizations read every organization's recorded revision in one query
 * per poll (issue 14); what it reads is what each organization's own records say.
 */
import { openMigrated, organizationSlots, SqlDatabase, syncedRevisions, TypeOrmElectionRecords } from '../../src/adapters/persistence/typeorm/index.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';

describe.each(DATABASE_KINDS)("every organization's synced revision at once on %s", (kind) => {
  let database: ThrowawayDatabase;
  let db: SqlDatabase;
  const records = (key: string, isDefault = false) => new TypeOrmElectionRecords(db, { syncState: organizationSlots(key, isDefault).syncState });

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    const { dataSource } = await openMigrated(database.config);
    db = new SqlDatabase(dataSource);
  });
  afterAll(async () => {
    await db.dataSource.destroy();
    await database.drop();
  });

  it('gives each organization the revision its own records hold, the default one from the original row, none for one never synced', async () => {
    await records('alpha').recordSyncedRevision('a1');
    await records('beta').recordSyncedRevision('b1');
    await records('main', true).recordSyncedRevision('m1');
    await records('alpha').recordSyncedRevision('a2');
    const orgs = [
      { key: 'alpha', default: false },
      { key: 'beta', default: false },
      { key: 'gamma', default: false },
      { key: 'main', default: true },
    ];
    const revisions = await syncedRevisions(db, orgs);
    expect(Object.fromEntries(revisions)).toEqual({ alpha: 'a2', beta: 'b1', main: 'm1' });
    for (const o of orgs) expect(revisions.get(o.key) ?? null).toBe(await records(o.key, o.default).syncedRevision());
    // An organization no longer in the list is not reported.
    expect([...(await syncedRevisions(db, [{ key: 'beta', default: false }])).keys()]).toEqual(['beta']);
  });
});
