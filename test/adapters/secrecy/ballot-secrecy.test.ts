import { randomUUID } from 'node:crypto';
import { findElectionId } from '../../../src/adapters/persistence/typeorm/election-id.js';
import { PendingBallotUnreadableError, openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { ballotRowId } from '../../../src/adapters/persistence/typeorm/sql-values.js';
import type { CastBallot } from '../../../src/application/ports/ballot-box.js';
import type { RankEntry } from '../../../src/domain/ballot/ranking.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { faultSeed, replayHint, seededRandom } from '../../support/seeded-random.js';
import { dbaView, type DbaView } from './dba-view.js';
import { type AttackResult, allAttacks, chanceBound } from './link-attack.js';
import { sqlRows } from '../../support/sql.js';

const VOTERS = 60;
const BATCH = 10;
// Per attack; with about 40 attacks per database a false alarm is a one-in-25,000 event.
const ALPHA = 1e-6;
const CANDIDATES = ['ada', 'bo', 'cy', 'di', 'ed'];
// Who gets which ranking and the order of the casts: replayable, since a false alarm is possible.
const SEED = faultSeed();
const random = seededRandom(SEED);

/** Every ranking of the five candidates (120), shuffled: each voter gets a distinct one. */
function distinctRankings(n: number): RankEntry[][] {
  const perms: string[][] = [];
  const permute = (rest: string[], acc: string[]) =>
    rest.length === 0 ? perms.push(acc) : rest.forEach((c, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, c]));
  permute(CANDIDATES, []);
  return shuffle(perms)
    .slice(0, n)
    .map((order) => order.map((candidate, i) => ({ candidate, rank: i + 1 })));
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Random bytes where a voter's sealed link goes (its content plays no part in these attacks). */
const someLink = () => ({
  salt: crypto.getRandomValues(new Uint8Array(16)),
  sealed: crypto.getRandomValues(new Uint8Array(76)),
  scheme: 'argon2id13;ops=3;mem=67108864',
});

/** Elekto's write, and ours before the pool: the mark and the ballot rows in one transaction. */
async function oneTransactionCast(p: TypeOrmPersistence, electionId: number, ballot: CastBallot): Promise<void> {
  const { db } = p;
  await db.transaction(async ({ manager }) => {
    const now = new Date();
    await manager.getRepository('voter').insert({
      user_id: ballot.userId,
      election_id: electionId,
      created_at: now,
      updated_at: now,
      salt: Buffer.from(ballot.link!.salt),
      ballot_id: Buffer.from(ballot.link!.sealed),
      link_scheme: ballot.link!.scheme,
    });
    const rows = ballot.entries.map((e) => ({
      id: ballotRowId(randomUUID()),
      election_id: electionId,
      rank: e.rank,
      candidate: e.candidate,
      voter: ballot.ballotId,
    }));
    await manager.getRepository('ballot').insert(rows);
  });
}

const report = (results: AttackResult[]) => results.map((r) => `${String(r.correct).padStart(3)}  ${r.attack}`).join('\n');

describe.each(DATABASE_KINDS)(`ballot secrecy against the database administrator: %s (${replayHint(SEED)})`, (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  let userIds: number[];
  const electionId = (key: string) => p.db.run(({ manager }) => findElectionId(manager, key)) as Promise<number>;

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: 'secrecy-test-app-key', batchSize: BATCH } });
    await p.electionRecords.syncAll([
      { key: 'sealed', name: 'A look into the pool' },
      { key: 'pooled', name: 'Cast through the pending pool' },
      { key: 'one-transaction', name: 'Cast the old way' },
    ]);
    userIds = [];
    for (let i = 0; i < VOTERS; i++) userIds.push((await p.users.upsertFromSignIn(`voter-${i}`, `Voter ${i}`)).id);
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** Casts one ballot per voter, in random voter order, one after another; the truth the attacker seeks. */
  async function castAll(
    cast: (b: CastBallot) => Promise<void>,
    electionKey: string,
    afterEach?: (n: number, truth: Map<string, string>) => Promise<void>,
  ): Promise<Map<string, string>> {
    const truth = new Map<string, string>();
    const rankings = distinctRankings(VOTERS);
    for (const [i, userId] of shuffle(userIds).entries()) {
      const ballot: CastBallot = { electionKey, userId, ballotId: randomUUID(), entries: rankings[i]!, link: someLink() };
      await cast(ballot);
      truth.set(String(userId), ballot.ballotId);
      await afterEach?.(i + 1, truth);
    }
    return truth;
  }

  it('links no voter to a ballot better than chance over a batch, by any signal it can read', async () => {
    const id = await electionId('pooled');
    // A look in the middle of the election too: some ballots moved, the rest sealed in the pool.
    let midElection: AttackResult[] = [];
    const truth = await castAll(
      (b) => p.ballotBox.cast(b),
      'pooled',
      async (n, soFar) => {
        if (n !== 45) return;
        const view = await dbaView(kind, database.config, id);
        expect(view.pending).toBeGreaterThanOrEqual(BATCH);
        midElection = allAttacks(view.voters, view.ballots, soFar, view.txKeys);
      },
    );
    const midBound = chanceBound(45, BATCH, ALPHA).bound;
    expect(report(midElection.filter((r) => r.correct > midBound))).toBe('');
    // The results moment: reading all ballots empties the pool.
    let read = 0;
    for await (const _ of p.ballotBox.ballots('pooled')) read++;
    expect(read).toBe(VOTERS);

    const view: DbaView = await dbaView(kind, database.config, id);
    expect(view.pending).toBe(0);
    expect(view.voters).toHaveLength(VOTERS);
    expect(view.ballots).toHaveLength(VOTERS);
    // Where the engine shows transaction ids, every move carried at least a batch.
    const tx = view.txKeys[0];
    if (tx) {
      const sizes = new Map<number, number>();
      for (const b of view.ballots) sizes.set(b.keys[tx]![0]!, (sizes.get(b.keys[tx]![0]!) ?? 0) + 1);
      expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(BATCH);
    }

    const results = allAttacks(view.voters, view.ballots, truth, view.txKeys);
    const { bound } = chanceBound(VOTERS, BATCH, ALPHA);
    expect(results.length).toBeGreaterThanOrEqual(16);
    if (process.env.SECRECY_REPORT) process.stdout.write(`\n${kind} (chance bound ${bound}):\n${report(results)}\n`);
    const beaten = results.filter((r) => r.correct > bound);
    expect({ bound, beaten: report(beaten) }).toEqual({ bound, beaten: '' });
  }, 120_000);

  it('keeps the pending pool unreadable: no ranking, no ballot id, one length for every ballot', async () => {
    const casts = distinctRankings(3).map((entries, i): CastBallot => ({
      electionKey: 'sealed',
      userId: userIds[i]!,
      ballotId: randomUUID(),
      entries,
      link: null,
    }));
    for (const c of casts) await p.ballotBox.cast(c);
    const rows = await p.db.run(({ manager }) => sqlRows<{ id: string; payload: Uint8Array }>(manager, 'SELECT id, payload FROM pending_ballot'));
    expect(rows).toHaveLength(3);
    const lengths = new Set(rows.map((r) => r.payload.length));
    expect(lengths.size).toBe(1);
    for (const r of rows) {
      const bytes = Buffer.from(r.payload);
      for (const c of casts) {
        expect(bytes.includes(c.ballotId)).toBe(false);
        expect(bytes.includes(c.ballotId.replace(/-/g, ''))).toBe(false);
        expect(r.id).not.toBe(ballotRowId(c.ballotId));
      }
      for (const name of CANDIDATES) expect(bytes.includes(`"${name}"`)).toBe(false);
    }
    // Still the voter's own ballot when they look at it.
    expect((await p.ballotBox.ballot('sealed', casts[1]!.ballotId))?.entries).toEqual(casts[1]!.entries);

    // Under another APP_KEY the pool does not open: results refuse, and nothing moves or is lost.
    const other = await openTypeOrmPersistence(database.config, { migrate: false, ballotPool: { appKey: 'another-key', batchSize: BATCH } });
    try {
      await expect(other.ballotBox.ballots('sealed')[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(PendingBallotUnreadableError);
    } finally {
      await other.close();
    }
    expect(await p.db.run(({ manager }) => sqlRows(manager, 'SELECT id FROM pending_ballot'))).toHaveLength(3);
  });

  it('has teeth: the same attacks link (nearly) every voter when mark and ballot share one transaction', async () => {
    const id = await electionId('one-transaction');
    const truth = await castAll((b) => oneTransactionCast(p, id, b), 'one-transaction');
    const view = await dbaView(kind, database.config, id);
    const results = allAttacks(view.voters, view.ballots, truth, view.txKeys);
    const best = results.reduce((a, b) => (b.correct > a.correct ? b : a));
    if (process.env.SECRECY_REPORT) process.stdout.write(`\n${kind}, one transaction:\n${report(results)}\n`);
    // The signal the issue names for each engine: PostgreSQL's xmin, SQLite's rowid order, InnoDB's DB_TRX_ID.
    const named = { postgres: 'same xmin', sqlite: 'voter id ~ ballot rowid', mariadb: 'same DB_TRX_ID' }[kind];
    expect(best.correct).toBeGreaterThanOrEqual(0.9 * VOTERS);
    expect(Math.max(...results.filter((r) => r.attack.startsWith(named)).map((r) => r.correct))).toBe(VOTERS);
  }, 120_000);
});
