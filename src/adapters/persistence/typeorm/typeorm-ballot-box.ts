import { randomUUID } from 'node:crypto';
import type { BallotBox, CastBallot, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { DomainError } from '../../../domain/errors.js';
import { ELEKTO_SCHEME_NAME } from '../../crypto/seal-scheme.js';
import { findElectionId, requireElectionId } from './election-id.js';
import { streamBallots } from './ballot-stream.js';
import type { SqlDatabase } from './sql-database.js';
import { ballotRowId, fromSqlBytes, toSqlBytes, toSqlDate } from './sql-values.js';

interface VoterRow {
  salt: unknown;
  ballot_id: unknown;
  link_scheme: string | null;
}

/**
 * Ballots in Elekto's layout: one `ballot` row per candidate, all rows of a ballot sharing
 * `voter` = the ballot id (UUID with dashes), each row its own random CHAR(32) id; the voter mark
 * in `voter` holds only the sealed link. Unique (user_id, election_id) makes a second mark fail.
 */
export class TypeOrmBallotBox implements BallotBox {
  constructor(private readonly db: SqlDatabase) {}

  async cast(ballot: CastBallot): Promise<void> {
    const { db } = this;
    try {
      await db.transaction(async (sql) => {
        const electionId = await requireElectionId(db, sql, ballot.electionKey);
        const now = toSqlDate(new Date());
        const link = ballot.link;
        // The mark first: on a race the loser fails here, before writing any ballot row.
        await sql.exec(
          'INSERT INTO voter (user_id, election_id, created_at, updated_at, salt, ballot_id, link_scheme) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [ballot.userId, electionId, now, now, link ? toSqlBytes(link.salt) : null, link ? toSqlBytes(link.sealed) : null, link?.scheme ?? null],
        );
        if (ballot.entries.length === 0) return;
        const values = ballot.entries.map(() => '(?, ?, ?, ?, ?)').join(', ');
        const params = ballot.entries.flatMap((e) => [ballotRowId(randomUUID()), electionId, e.rank, e.candidate, ballot.ballotId]);
        await sql.exec(`INSERT INTO ballot (id, election_id, ${db.q('rank')}, candidate, voter) VALUES ${values}`, params);
      });
    } catch (e) {
      if (db.isUniqueViolation(e)) {
        throw new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
          electionKey: ballot.electionKey,
        });
      }
      throw e;
    }
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
      await sql.exec('DELETE FROM ballot WHERE election_id = ? AND voter = ?', [electionId, ballotId]);
    });
  }

  ballots(electionKey: string): AsyncIterable<StoredBallot> {
    return streamBallots(this.db, electionKey);
  }

  async countBallots(electionKey: string): Promise<number> {
    return this.count(electionKey, 'SELECT COUNT(DISTINCT voter) AS n FROM ballot WHERE election_id = ?');
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
