import { randomUUID } from 'node:crypto';
import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import type { StoredBallot } from '../../../src/application/ports/ballot-box.js';
import { bulletinOf } from '../../../src/application/results/build-bulletin.js';
import { CheckBulletin } from '../../../src/application/results/check-bulletin.js';
import { FreezeBulletin } from '../../../src/application/results/freeze-bulletin.js';
import { NO_OPINION_RANK, type RankEntry } from '../../../src/domain/ballot/ranking.js';
import type { Election } from '../../../src/domain/election/election.js';
import { anElection } from '../../support/builders/election-builder.js';
import { FixedCatalog } from '../../support/builders/fixed-catalog.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { quoted, sqlExec, sqlRows } from '../../support/sql.js';

const NOW = new Date('2026-12-06T12:00:00Z');
const O = NO_OPINION_RANK;
const hasher = new JcsSha256BulletinHasher();

/** Six ballots, two of them alike, one with a tie and one with a "No opinion"; each with its tracker. */
const BALLOTS: ReadonlyArray<{ tracker: string; ranks: [number, number, number] }> = [
  { tracker: '0000-0000-0000-0001', ranks: [1, 2, 3] },
  { tracker: '0000-0000-0000-0002', ranks: [1, 2, 3] },
  { tracker: '0000-0000-0000-0003', ranks: [2, 1, 3] },
  { tracker: '0000-0000-0000-0004', ranks: [1, 1, 2] },
  { tracker: '0000-0000-0000-0005', ranks: [3, 1, O] },
  { tracker: '0000-0000-0000-0006', ranks: [2, 3, 1] },
];
const CANDIDATES = ['alice', 'bob', 'carol'];
const entriesOf = (ranks: readonly number[]): RankEntry[] => CANDIDATES.map((candidate, i) => ({ candidate, rank: ranks[i]! }));

function closedElection(key: string): Election {
  return anElection()
    .key(key)
    .candidates(...CANDIDATES)
    .ballotTrackers()
    .publishBallots()
    .status('completed', NOW)
    .build();
}

/** What the six ballots must hash to anywhere: computed without any database. */
async function expectedDigest(election: Election): Promise<string> {
  async function* stored(): AsyncIterable<StoredBallot> {
    for (const b of BALLOTS) yield { ballotId: randomUUID(), entries: entriesOf(b.ranks), tracker: b.tracker };
  }
  return (await bulletinOf(election, stored(), hasher)).digest;
}

describe.each(DATABASE_KINDS)('the bulletin frozen at the close, on %s', (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    p = await openTypeOrmPersistence(database.config, { migrate: true });
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** A closed election holding the six ballots, its bulletin frozen; the ids of its ballots by tracker. */
  async function closed(key: string) {
    const election = closedElection(key);
    await p.electionRecords.syncAll([...(await p.electionRecords.list()).map((r) => ({ key: r.key, name: r.name })), { key, name: election.name }]);
    const ids = new Map<string, string>();
    for (const [i, b] of BALLOTS.entries()) {
      const user = await p.users.upsertFromSignIn(`${key}-voter-${i}`, null);
      const ballotId = randomUUID();
      ids.set(b.tracker, ballotId);
      await p.ballotBox.cast({ electionKey: key, userId: user.id, ballotId, entries: entriesOf(b.ranks), link: null, tracker: b.tracker });
    }
    const catalog = new FixedCatalog([election]);
    const clock = new FixedClock(NOW);
    const freeze = new FreezeBulletin(catalog, p.ballotBox, p.frozenBulletins, clock, hasher);
    const frozen = await freeze.execute(key);
    const check = new CheckBulletin(catalog, freeze, p.frozenBulletins, clock, hasher);
    const electionId = Number((await p.dataSource.manager.query(`SELECT id FROM election WHERE ${quoted(p.dataSource.manager, 'key')} = '${key}'`))[0].id);
    return { election, frozen, ids, electionId, check: () => check.execute({ electionKey: key, requester: null }), freeze };
  }

  const tamper = (sql: string, params: Record<string, unknown>) => p.dataSource.transaction((m) => sqlExec(m, sql, params));

  it('freezes the digest the same six ballots give on every database, once, and finds it intact afterwards', async () => {
    const { election, frozen, check, freeze } = await closed('same-digest');
    expect(frozen.digest).toBe(await expectedDigest(election));
    expect(frozen.ballotCount).toBe(6);
    const again = await freeze.execute('same-digest');
    expect(again).toEqual(frozen);
    const result = await check();
    expect(result).toMatchObject({ intact: true, problems: [] });
    expect(result.bulletin.ballots.map((b) => b.tracker).sort()).toEqual(BALLOTS.map((b) => b.tracker));
  });

  it('detects a ballot changed in the database after the close, and names it by its tracker', async () => {
    const { ids, electionId, check, frozen } = await closed('changed');
    const rank = quoted(p.dataSource.manager, 'rank');
    const touched = await tamper(`UPDATE ballot SET ${rank} = 3 WHERE election_id = :electionId AND voter = :voter AND candidate = 'alice'`, {
      electionId,
      voter: ids.get('0000-0000-0000-0001'),
    });
    expect(touched).toBe(1);
    const result = await check();
    expect(result.intact).toBe(false);
    expect(result.frozen).toEqual(frozen);
    expect(result.bulletin.digest).not.toBe(frozen.digest);
    expect(result.problems.join('\n')).toMatch(/no longer give the bulletin fixed at the close/);
    expect(result.problems.join('\n')).toMatch(/changed ballot \(tracker 0000-0000-0000-0001\)/);
  });

  it('detects a ballot deleted after the close', async () => {
    const { ids, electionId, check } = await closed('deleted');
    await tamper('DELETE FROM ballot WHERE election_id = :electionId AND voter = :voter', { electionId, voter: ids.get('0000-0000-0000-0003') });
    const result = await check();
    expect(result.intact).toBe(false);
    expect(result.problems.join('\n')).toMatch(/6 ballots at the close, 5 now: 1 deleted since/);
    expect(result.problems.join('\n')).toMatch(/missing ballot.*tracker 0000-0000-0000-0003/);
  });

  it('detects a ballot added after the close', async () => {
    const { electionId, check } = await closed('added');
    const rank = quoted(p.dataSource.manager, 'rank');
    const voter = randomUUID();
    await p.dataSource.transaction(async (m) => {
      for (const [i, candidate] of CANDIDATES.entries()) {
        await sqlExec(m, `INSERT INTO ballot (id, election_id, ${rank}, candidate, voter) VALUES (:id, :electionId, :rank, :candidate, :voter)`, {
          id: randomUUID().replace(/-/g, ''),
          electionId,
          rank: i + 1,
          candidate,
          voter,
        });
      }
    });
    const result = await check();
    expect(result.intact).toBe(false);
    expect(result.problems.join('\n')).toMatch(/6 ballots at the close, 7 now: 1 added since/);
    expect(result.problems.join('\n')).toMatch(/added ballot, not in the reference/);
  });

  it('says so when the copy kept at the close was altered too (only the digest published in git is left to trust)', async () => {
    const { ids, electionId, check } = await closed('both');
    await tamper('DELETE FROM ballot WHERE election_id = :electionId AND voter = :voter', { electionId, voter: ids.get('0000-0000-0000-0006') });
    await tamper('UPDATE bulletin_freeze SET bulletin = :junk WHERE election_id = :electionId', { electionId, junk: Buffer.from('{"x":1}') });
    const result = await check();
    expect(result.intact).toBe(false);
    expect(result.problems.join('\n')).toMatch(/copy of the bulletin kept at the close is missing or altered/);
    expect(await sqlRows(p.dataSource.manager, 'SELECT digest FROM bulletin_freeze WHERE election_id = :electionId', { electionId })).toHaveLength(1);
  });
});
