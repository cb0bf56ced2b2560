/**
 * Issue 11, "ballots that identify their voter", on SQLite, PostgreSQL and MariaDB, read as the
 * database administrator reads them:
 * - the length of a sealed pending ballot is the same for every ballot of an election, whatever was
 *   ranked (one candidate, half, all, ties, very long or non-ASCII candidate ids, huge ranks);
 * - the ranks a voter typed are stored dense (271828, 314159, 577215 → 1, 2, 3), and a ballot Elekto
 *   wrote with 5, 5, 9 stays so in the table but exports as 1, 1, 2.
 */
import { randomUUID } from 'node:crypto';
import { ZxcvbnPassphraseStrength } from '../../../src/adapters/passphrase/zxcvbn-passphrase-strength.js';
import { findElectionId } from '../../../src/adapters/persistence/typeorm/election-id.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { ballotRowId } from '../../../src/adapters/persistence/typeorm/sql-values.js';
import { SeededRandom } from '../../../src/adapters/system/seeded-random.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import { ExportBallots } from '../../../src/application/results/export-ballots.js';
import { ballotsCsv } from '../../../src/adapters/shared/export/ballots-export-format.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { rankingShapes } from '../../support/ranking-shapes.js';
import { anElection } from '../../support/builders/election-builder.js';
import { FixedCatalog } from '../../support/builders/fixed-catalog.js';
import { NOW } from '../../support/builders/in-memory-world.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { FakeBallotSealer } from '../../support/fake-ballot-sealer.js';
import { STRONG_PASSPHRASE } from '../../support/passphrases.js';
import { quoted, sqlRows } from '../../support/sql.js';

const DAY = 24 * 3_600_000;
// Twenty candidates: ranks from 1 to 16 digits wide move a ballot's encoding by 300 bytes, more than any block.
const LONG_IDS = ['a', 'bo', `${'very-long-candidate-id-'.repeat(8)}x`, 'zoë-ñandú', '李雷', ...Array.from({ length: 15 }, (_, i) => `c-${i}`)];
const pool = anElection()
  .key('2021---POOL')
  .named('Pending lengths')
  .voters(...Array.from({ length: 20 }, (_, i) => `pool-voter-${i + 1}`))
  .candidates(...LONG_IDS)
  .build();
const dense = anElection().key('2021---DENSE').named('Dense ranks').voters('alice').candidates('dims', 'paris', 'aaron').build();

const rankings = rankingShapes;

describe.each(DATABASE_KINDS)('ballots that identify their voter: %s', (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  const clock = new FixedClock(NOW);
  const catalog = new FixedCatalog([pool, dense]);
  let cast: CastBallot;
  const electionId = (key: string) => p.db.run(({ manager }) => findElectionId(manager, key)) as Promise<number>;

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    // A batch far above the number of ballots: everything cast here stays in the pending pool.
    p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: 'signature-test-app-key', batchSize: 1000 } });
    await p.electionRecords.syncAll([pool, dense].map((e) => ({ key: e.key, name: e.name })));
    cast = new CastBallot(catalog, p.ballotBox, new FakeBallotSealer(), new ZxcvbnPassphraseStrength(), clock, new SeededRandom(11), {
      minPassphraseLength: 6,
    });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it('gives every pending payload of an election the same length, whatever the ranking', async () => {
    let voter = 0;
    for (const entries of rankings(LONG_IDS)) {
      const user = await p.users.upsertFromSignIn(`pool-voter-${++voter}`, null);
      // Straight into the ballot box, unchecked ranks and all: the pool must not rely on the cast's checks.
      await p.ballotBox.cast({ electionKey: pool.key, userId: user.id, ballotId: randomUUID(), entries, link: null });
    }
    for (const entries of [[{ candidate: 'a', rank: 271828 }], rankings(LONG_IDS)[2]!, rankings(LONG_IDS)[7]!]) {
      const user = await p.users.upsertFromSignIn(`pool-voter-${++voter}`, null);
      await cast.execute({ user, electionKey: pool.key, entries, passphrase: STRONG_PASSPHRASE });
    }
    const id = await electionId(pool.key);
    const rows = await p.db.run(({ manager }) =>
      sqlRows<{ n: unknown }>(manager, 'SELECT LENGTH(payload) AS n FROM pending_ballot WHERE election_id = :id', { id }),
    );
    expect(rows).toHaveLength(voter);
    const lengths = rows.map((r) => Number(r.n));
    expect(new Set(lengths)).toEqual(new Set([lengths[0]]));
  });

  it('stores ranks 271828, 314159, 577215 as 1, 2, 3; exports an Elekto ballot stored 5, 5, 9 as 1, 1, 2 without rewriting it', async () => {
    const alice = await p.users.upsertFromSignIn('alice', null);
    const signed = [
      { candidate: 'dims', rank: 271828 },
      { candidate: 'paris', rank: 314159 },
      { candidate: 'aaron', rank: 577215 },
    ];
    await cast.execute({ user: alice, electionKey: dense.key, entries: signed, passphrase: '' });
    const id = await electionId(dense.key);
    const elektoBallot = randomUUID();
    await p.db.transaction(async ({ manager }) => {
      for (const [candidate, rank] of [
        ['dims', 5],
        ['paris', 5],
        ['aaron', 9],
      ] as const) {
        await manager.getRepository('ballot').insert({ id: ballotRowId(randomUUID()), election_id: id, rank, candidate, voter: elektoBallot });
      }
    });

    clock.set(new Date(dense.endsAt.getTime() + DAY));
    const exported = await new ExportBallots(catalog, p.ballotBox, clock).execute({ electionKey: dense.key, requester: null });
    expect(ballotsCsv(exported)).toBe('dims,paris,aaron\n1,1,2\n1,2,3\n');

    // The export moved alice's ballot out of the pool: what the table now holds, as a DBA reads it.
    const rows = await p.db.run(({ manager }) =>
      sqlRows<{ voter: string; candidate: string; r: unknown }>(
        manager,
        `SELECT voter, candidate, ${quoted(manager, 'rank')} AS r FROM ballot WHERE election_id = :id`,
        { id },
      ),
    );
    const byBallot = (mine: boolean) => Object.fromEntries(rows.filter((r) => (r.voter === elektoBallot) !== mine).map((r) => [r.candidate, Number(r.r)]));
    expect(byBallot(true)).toEqual({ dims: 1, paris: 2, aaron: 3 });
    expect(byBallot(false)).toEqual({ dims: 5, paris: 5, aaron: 9 });
  });
});
