import type { BallotBox, CastBallot, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { DomainError } from '../../../domain/errors.js';
import { ELEKTO_SCHEME_NAME } from '../../shared/seal-scheme.js';
import { findElectionId, requireElectionId } from './election-id.js';
import { streamBallots } from './ballot-stream.js';
import type { PendingBallotCipher } from './pending-ballot-cipher.js';
import { type Checkpoint, PendingBallotPool } from './pending-ballot-pool.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBytes, toSqlBytes, toSqlDate } from './sql-values.js';

interface VoterRow {
  salt: unknown;
  ballot_id: unknown;
  link_scheme: string | null;
}

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
      [electionId, pending] = await db.transaction(async (sql) => {
        const id = await requireElectionId(db, sql, ballot.electionKey);
        const now = toSqlDate(new Date());
        const link = ballot.link;
        // The mark first: on a race the loser fails here, before writing its ballot.
        await sql.exec(
          'INSERT INTO voter (user_id, election_id, created_at, updated_at, salt, ballot_id, link_scheme) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [ballot.userId, id, now, now, link ? toSqlBytes(link.salt) : null, link ? toSqlBytes(link.sealed) : null, link?.scheme ?? null],
        );
        await this.checkpoint('cast:after-mark');
        await this.pool.add(sql, id, ballot);
        await this.checkpoint('cast:after-pending');
        return [id, await this.pool.count(sql, id)] as const;
      });
    } catch (e) {
      if (db.isUniqueViolation(e)) {
        throw new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
          electionKey: ballot.electionKey,
        });
      }
      throw e;
    }
    // After the commit, in a transaction of its own: the voter's ballot is safe whatever happens here.
    if (pending >= 2 * this.batchSize && !this.moving.has(electionId)) {
      this.moving.add(electionId);
      try {
        await this.pool.move(electionId, this.batchSize);
      } catch (e) {
        this.options.onFlushError?.(e);
      } finally {
        this.moving.delete(electionId);
      }
    }
  }

  /** Moves every pending ballot of the election into `ballot` (before results, export, tally). */
  async flush(electionKey: string): Promise<number> {
    const { db } = this;
    const electionId = await db.run((sql) => findElectionId(db, sql, electionKey));
    if (electionId === null) return 0;
    const waiting = await db.run((sql) => this.pool.count(sql, electionId));
    return waiting === 0 ? 0 : this.pool.move(electionId, 0);
  }

  async mark(electionKey: string, userId: number): Promise<VoterMark | null> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return null;
      const rows = await sql.rows<VoterRow>(
        'SELECT salt, ballot_id, link_scheme FROM voter WHERE election_id = ? AND user_id = ? ORDER BY id',
        [electionId, userId],
      );
      const row = rows[0];
      if (!row) return null;
      const salt = fromSqlBytes(row.salt);
      const sealed = fromSqlBytes(row.ballot_id);
      const link = salt && sealed ? { salt, sealed, scheme: row.link_scheme ?? ELEKTO_SCHEME_NAME } : null;
      return { electionKey, userId, link, hasLink: link !== null };
    });
  }

  async ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return null;
      // The pool first: a move commits its delete and its inserts at once, so a ballot missed in
      // the pool because it just moved is in `ballot` by the time the second query runs.
      const pending = await this.pool.find(sql, electionId, ballotId);
      if (pending) return pending;
      const rows = await sql.rows<{ candidate: string; rank: unknown }>(
        `SELECT candidate, ${db.q('rank')} AS ${db.q('rank')} FROM ballot WHERE election_id = ? AND voter = ?`,
        [electionId, ballotId],
      );
      if (rows.length === 0) return null;
      const entries: RankEntry[] = rows.map((r) => ({ candidate: r.candidate, rank: Number(r.rank) }));
      return { ballotId, entries };
    });
  }

  async revoke(electionKey: string, userId: number, ballotId: string): Promise<void> {
    const { db } = this;
    await db.transaction(async (sql) => {
      const electionId = await requireElectionId(db, sql, electionKey);
      const marks = await sql.exec('DELETE FROM voter WHERE election_id = ? AND user_id = ?', [electionId, userId]);
      if (marks === 0) throw new DomainError('NOT_VOTED', 'You have not voted in this election.', { electionKey });
      // A move holding the pending row makes this wait; once it commits, the rows are in `ballot`.
      await this.pool.remove(sql, electionId, ballotId);
      await sql.exec('DELETE FROM ballot WHERE election_id = ? AND voter = ?', [electionId, ballotId]);
    });
  }

  async *ballots(electionKey: string): AsyncIterable<StoredBallot> {
    await this.flush(electionKey);
    yield* streamBallots(this.db, electionKey);
  }

  async countBallots(electionKey: string): Promise<number> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return 0;
      // One statement, so one snapshot: a move committing in between is counted once, not 0 or 2 times.
      const rows = await sql.rows<{ n: unknown }>(
        'SELECT (SELECT COUNT(DISTINCT voter) FROM ballot WHERE election_id = ?) + (SELECT COUNT(*) FROM pending_ballot WHERE election_id = ?) AS n',
        [electionId, electionId],
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  async countVoters(electionKey: string): Promise<number> {
    return this.count(electionKey, 'SELECT COUNT(*) AS n FROM voter WHERE election_id = ?');
  }

  async purgeLinks(electionKey: string): Promise<number> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return 0;
      return sql.exec(
        'UPDATE voter SET salt = NULL, ballot_id = NULL, link_scheme = NULL WHERE election_id = ? AND (salt IS NOT NULL OR ballot_id IS NOT NULL)',
        [electionId],
      );
    });
  }

  async countLinks(electionKey: string): Promise<number> {
    return this.count(electionKey, 'SELECT COUNT(*) AS n FROM voter WHERE election_id = ? AND salt IS NOT NULL AND ballot_id IS NOT NULL');
  }

  async countLinksByScheme(electionKey: string): Promise<ReadonlyMap<string, number>> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return new Map();
      const rows = await sql.rows<{ scheme: string | null; n: number | string }>(
        'SELECT link_scheme AS scheme, COUNT(*) AS n FROM voter WHERE election_id = ? AND salt IS NOT NULL AND ballot_id IS NOT NULL GROUP BY link_scheme',
        [electionId],
      );
      // NULL is how Elekto's own rows read (see mark()).
      return new Map(rows.map((r) => [r.scheme ?? ELEKTO_SCHEME_NAME, Number(r.n)]));
    });
  }

  async votedElectionKeys(userId: number): Promise<string[]> {
    const { db } = this;
    return db.run(async (sql) => {
      const rows = await sql.rows<{ k: string }>(
        `SELECT DISTINCT e.${db.q('key')} AS k FROM voter v JOIN election e ON e.id = v.election_id WHERE v.user_id = ? ORDER BY k`,
        [userId],
      );
      return rows.map((r) => r.k);
    });
  }

  private async count(electionKey: string, query: string): Promise<number> {
    const { db } = this;
    return db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, electionKey);
      if (electionId === null) return 0;
      const rows = await sql.rows<{ n: unknown }>(query, [electionId]);
      return Number(rows[0]?.n ?? 0);
    });
  }
}
