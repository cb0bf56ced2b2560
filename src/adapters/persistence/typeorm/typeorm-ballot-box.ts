import { IsNull, Not } from 'typeorm';
import type { BallotBox, CastBallot, ReplaceBallot, SealedLink, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { DomainError } from '../../../domain/errors.js';
import { ELEKTO_SCHEME_NAME } from '../../shared/seal-scheme.js';
import { findElectionId, requireElectionId } from './election-id.js';
import { handWrittenSql, selectRows } from './hand-written-sql.js';
import { streamBallots } from './ballot-stream.js';
import type { PendingBallotCipher } from './pending-ballot-cipher.js';
import { type Checkpoint, PendingBallotPool } from './pending-ballot-pool.js';
import { isUniqueViolation } from './database-errors.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBytes, toSqlBytes } from './sql-values.js';

interface VoterRow {
  salt: unknown;
  ballot_id: unknown;
  link_scheme: string | null;
}

/**
 * The voter's mark, asked on every signed-in election page: written by hand with the election
 * joined by key (one statement where the QueryBuilder version made two), its text built once per
 * dialect. Figure: `node bench/run-all.js read-path`, signed-in page, 3 runs alternated with base d27a90d at load 8.5–11:
 * median 1197 req/s, 0.58 ms server CPU per request, against 975 req/s, 0.62 ms for the base and
 * 1.04–1.10 ms for the QueryBuilder version (docs/database.md, "What is still written by hand").
 */
const MARK_SQL = handWrittenSql(
  ({ param, name }) =>
    `SELECT v.salt AS salt, v.ballot_id AS ballot_id, v.link_scheme AS link_scheme FROM voter v ` +
    `INNER JOIN election e ON e.id = v.election_id WHERE e.${name('key')} = ${param(1)} AND v.user_id = ${param(2)} ORDER BY v.id LIMIT 1`,
);

/** Ballots that move from the pending pool into `ballot` at a time; see docs/ballot-secrecy.md. */
export const DEFAULT_BATCH_SIZE = 16;

export interface TypeOrmBallotBoxOptions {
  /** Seals pending ballots; derived from APP_KEY in the application. */
  readonly cipher: PendingBallotCipher;
  /** The pool moves ballots once 2 × batchSize wait, keeping a random batchSize of them. */
  readonly batchSize?: number;
  /** A move after a cast failed (the ballots stay pending, safe, and move later). */
  readonly onFlushError?: (error: unknown) => void;
  /** Fault tests only: awaited at named points inside the cast and flush transactions. */
  readonly checkpoint?: Checkpoint;
}

/**
 * Ballots in Elekto's layout: one `ballot` row per candidate, all rows of a ballot sharing
 * `voter` = the ballot id (UUID with dashes), each row its own random CHAR(32) id; the voter mark
 * in `voter` holds only the sealed link. Unique (user_id, election_id) makes a second mark fail.
 *
 * A cast does not write `ballot` rows: it writes the mark and a sealed row of the pending pool in
 * one transaction (so nothing is lost), and the pool moves ballots into `ballot` in shuffled batches
 * (so transaction ids, row order and row ids link a voter to a batch at most). Every read of all
 * ballots first empties the pool; view and revoke find a ballot in the pool or in `ballot`.
 */
export class TypeOrmBallotBox implements BallotBox {
  readonly batchSize: number;
  private readonly pool: PendingBallotPool;
  private readonly checkpoint: Checkpoint;
  /** Elections with a move running in this process: concurrent casts leave it to that move. */
  private readonly moving = new Set<number>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: TypeOrmBallotBoxOptions,
  ) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.checkpoint = options.checkpoint ?? (async () => undefined);
    this.pool = new PendingBallotPool(db, options.cipher, this.checkpoint);
  }

  async cast(ballot: CastBallot): Promise<void> {
    const { db } = this;
    let electionId: number;
    let pending: number;
    try {
      [electionId, pending] = await db.transaction(async ({ manager }) => {
        const id = await requireElectionId(manager, ballot.electionKey);
        const now = new Date();
        const link = ballot.link;
        // The mark first: on a race the loser fails here, before writing its ballot.
        await manager
          .createQueryBuilder()
          .insert()
          .into('voter')
          .values({
            user_id: ballot.userId,
            election_id: id,
            created_at: now,
            updated_at: now,
            ...linkColumns(link),
          })
          .updateEntity(false)
          .execute();
        await this.checkpoint('cast:after-mark');
        await this.pool.add(manager, id, ballot);
        await this.checkpoint('cast:after-pending');
        return [id, await this.pool.count(manager, id)] as const;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
          electionKey: ballot.electionKey,
        });
      }
      throw e;
    }
    await this.moveWhenFull(electionId, pending);
  }

  /**
   * The mark takes the new link, the old ballot (and its tracker) leaves the pool or `ballot`, the new
   * one enters the pool as a cast one does, with its own tracker: all in one transaction, so a fault
   * anywhere leaves the old ballot.
   */
  async replace(ballot: ReplaceBallot): Promise<void> {
    const { electionKey, userId, replacedBallotId } = ballot;
    const [electionId, pending] = await this.db.transaction(async ({ manager }) => {
      const id = await requireElectionId(manager, electionKey);
      // The mark first, under its row lock: a second change (or a revoke) by this voter waits here.
      const updated = await manager
        .createQueryBuilder()
        .update('voter')
        .set({ updated_at: new Date(), ...linkColumns(ballot.link) })
        .where('election_id = :id AND user_id = :userId', { id, userId })
        .execute();
      if ((updated.affected ?? 0) === 0) throw new DomainError('NOT_VOTED', 'You have not voted in this election.', { electionKey });
      await this.checkpoint('replace:after-mark');
      // A move holding the pending row makes this wait; once it commits, the rows are in `ballot`.
      const removed = await this.pool.remove(manager, id, replacedBallotId);
      const rows = removed > 0 ? 0 : ((await manager.getRepository('ballot').delete({ election_id: id, voter: replacedBallotId })).affected ?? 0);
      // The id came from the voter's own link: a ballot not found means the store is inconsistent.
      if (removed === 0 && rows === 0) throw new Error(`Ballot link of election ${electionKey} opens to a missing ballot.`);
      // A moved ballot's tracker has a row of its own (a pending one is sealed in its payload): it goes
      // with its ballot, or the old tracker would still find something while the new one is shown.
      if (rows > 0) await manager.getRepository('ballot_tracker').delete({ election_id: id, ballot_id: replacedBallotId });
      await this.checkpoint('replace:after-remove');
      await this.pool.add(manager, id, ballot);
      await this.checkpoint('replace:after-pending');
      return [id, await this.pool.count(manager, id)] as const;
    });
    await this.moveWhenFull(electionId, pending);
  }

  /** After the commit, in a transaction of its own: the voter's ballot is safe whatever happens here. */
  private async moveWhenFull(electionId: number, pending: number): Promise<void> {
    if (pending < 2 * this.batchSize || this.moving.has(electionId)) return;
    this.moving.add(electionId);
    try {
      await this.pool.move(electionId, this.batchSize);
    } catch (e) {
      this.options.onFlushError?.(e);
    } finally {
      this.moving.delete(electionId);
    }
  }

  /** Moves every pending ballot of the election into `ballot` (before results, export, tally). */
  async flush(electionKey: string): Promise<number> {
    const { db } = this;
    const electionId = await db.run(({ manager }) => findElectionId(manager, electionKey));
    if (electionId === null) return 0;
    const waiting = await db.run(({ manager }) => this.pool.count(manager, electionId));
    return waiting === 0 ? 0 : this.pool.move(electionId, 0);
  }

  async mark(electionKey: string, userId: number): Promise<VoterMark | null> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const [row] = await selectRows<VoterRow>(manager, MARK_SQL(db.dialect), [electionKey, userId]);
      if (!row) return null;
      const salt = fromSqlBytes(row.salt);
      const sealed = fromSqlBytes(row.ballot_id);
      const link = salt && sealed ? { salt, sealed, scheme: row.link_scheme ?? ELEKTO_SCHEME_NAME } : null;
      return { electionKey, userId, link, hasLink: link !== null };
    });
  }

  async ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return null;
      // The pool first: a move commits its delete and its inserts at once, so a ballot missed in
      // the pool because it just moved is in `ballot` by the time the second query runs.
      const pending = await this.pool.find(manager, electionId, ballotId);
      if (pending) return pending;
      const rows = await manager
        .createQueryBuilder()
        .select('b.candidate', 'candidate')
        .addSelect('b.rank', 'rank')
        .from('ballot', 'b')
        .where('b.election_id = :electionId AND b.voter = :ballotId', { electionId, ballotId })
        .getRawMany<{ candidate: string; rank: unknown }>();
      if (rows.length === 0) return null;
      const entries: RankEntry[] = rows.map((r) => ({ candidate: r.candidate, rank: Number(r.rank) }));
      const tracked = await manager
        .createQueryBuilder()
        .select('t.tracker', 'tracker')
        .from('ballot_tracker', 't')
        .where('t.election_id = :electionId AND t.ballot_id = :ballotId', { electionId, ballotId })
        .getRawOne<{ tracker: string }>();
      return { ballotId, entries, tracker: tracked?.tracker ?? null };
    });
  }

  async revoke(electionKey: string, userId: number, ballotId: string): Promise<void> {
    const { db } = this;
    await db.transaction(async ({ manager }) => {
      const electionId = await requireElectionId(manager, electionKey);
      const marks = (await manager.getRepository('voter').delete({ election_id: electionId, user_id: userId })).affected ?? 0;
      if (marks === 0) throw new DomainError('NOT_VOTED', 'You have not voted in this election.', { electionKey });
      // A move holding the pending row makes this wait; once it commits, the rows are in `ballot`.
      await this.pool.remove(manager, electionId, ballotId);
      await manager.getRepository('ballot').delete({ election_id: electionId, voter: ballotId });
      // The tracker goes with its ballot: a revoked ballot leaves nothing to find in the bulletin.
      await manager.getRepository('ballot_tracker').delete({ election_id: electionId, ballot_id: ballotId });
    });
  }

  async *ballots(electionKey: string): AsyncIterable<StoredBallot> {
    await this.flush(electionKey);
    yield* streamBallots(this.db, electionKey);
  }

  async countBallots(electionKey: string): Promise<number> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return 0;
      // One statement, so one snapshot: a move committing in between is counted once, not 0 or 2 times.
      const row = await manager
        .createQueryBuilder()
        .select((q) => q.subQuery().select('COUNT(DISTINCT b.voter)').from('ballot', 'b').where('b.election_id = e.id'), 'moved')
        .addSelect((q) => q.subQuery().select('COUNT(*)').from('pending_ballot', 'p').where('p.election_id = e.id'), 'pending')
        .from('election', 'e')
        .where('e.id = :electionId', { electionId })
        .getRawOne<{ moved: unknown; pending: unknown }>();
      return Number(row?.moved ?? 0) + Number(row?.pending ?? 0);
    });
  }

  async countVoters(electionKey: string): Promise<number> {
    return this.countMarks(electionKey, false);
  }

  async purgeLinks(electionKey: string): Promise<number> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return 0;
      const result = await manager
        .createQueryBuilder()
        .update('voter')
        .set({ salt: null, ballot_id: null, link_scheme: null })
        .where('election_id = :electionId AND (salt IS NOT NULL OR ballot_id IS NOT NULL)', { electionId })
        .execute();
      return result.affected ?? 0;
    });
  }

  async countLinks(electionKey: string): Promise<number> {
    return this.countMarks(electionKey, true);
  }

  async countLinksByScheme(electionKey: string): Promise<ReadonlyMap<string, number>> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return new Map();
      const rows = await manager
        .createQueryBuilder()
        .select('v.link_scheme', 'scheme')
        .addSelect('COUNT(*)', 'n')
        .from('voter', 'v')
        .where('v.election_id = :electionId AND v.salt IS NOT NULL AND v.ballot_id IS NOT NULL', { electionId })
        .groupBy('v.link_scheme')
        .getRawMany<{ scheme: string | null; n: number | string }>();
      // NULL is how Elekto's own rows read (see mark()).
      return new Map(rows.map((r) => [r.scheme ?? ELEKTO_SCHEME_NAME, Number(r.n)]));
    });
  }

  async votedElectionKeys(userId: number): Promise<string[]> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const rows = await manager
        .createQueryBuilder()
        .select('e.key', 'k')
        .distinct(true)
        .from('voter', 'v')
        .innerJoin('election', 'e', 'e.id = v.election_id')
        .where('v.user_id = :userId', { userId })
        .orderBy('e.key')
        .getRawMany<{ k: string }>();
      return rows.map((r) => r.k);
    });
  }

  /** The election's voter marks; `linked`: only those still holding a sealed link. */
  private async countMarks(electionKey: string, linked: boolean): Promise<number> {
    return this.db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return 0;
      return manager.getRepository('voter').count({ where: { election_id: electionId, ...(linked ? { salt: Not(IsNull()), ballot_id: Not(IsNull()) } : {}) } });
    });
  }
}

/** The voter row's link columns (all null: no passphrase, nothing links the voter to the ballot). */
function linkColumns(link: SealedLink | null): { salt: unknown; ballot_id: unknown; link_scheme: string | null } {
  return { salt: link ? toSqlBytes(link.salt) : null, ballot_id: link ? toSqlBytes(link.sealed) : null, link_scheme: link?.scheme ?? null };
}
