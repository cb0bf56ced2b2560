import { randomInt, randomUUID } from 'node:crypto';
import type { CastBallot, StoredBallot } from '../../../application/ports/ballot-box.js';
import { type PendingBallot, type PendingBallotCipher, PendingBallotUnreadableError } from './pending-ballot-cipher.js';
import type { EntityManager } from 'typeorm';
import type { SqlDatabase } from './sql-database.js';
import { ballotRowId, fromSqlBytes, toSqlBytes } from './sql-values.js';

/** Where a fault test may stop the process: inside a cast or a flush, before their commit. */
export type CheckpointName =
  | 'cast:after-mark'
  | 'cast:after-pending'
  | 'replace:after-mark'
  | 'replace:after-remove'
  | 'replace:after-pending'
  | 'flush:after-delete'
  | 'flush:after-insert';
export type Checkpoint = (name: CheckpointName) => Promise<void>;

// Rows per INSERT: 5 parameters each stays far below every driver's limit (SQLite: 32766).
const ROWS_PER_INSERT = 500;

/**
 * The pending pool of one database: sealed ballots waiting to enter Elekto's `ballot` table.
 * `move` takes a uniformly random subset of an election's pending ballots, deletes them from the
 * pool and inserts all their rows, shuffled, in one statement batch of one transaction: every row
 * of the batch shares one transaction id, its physical order is random, and nothing in the pool or
 * the ballot table keeps the order in which the ballots were cast.
 */
export class PendingBallotPool {
  constructor(
    private readonly db: SqlDatabase,
    private readonly cipher: PendingBallotCipher,
    private readonly checkpoint: Checkpoint,
  ) {}

  /** Inside the cast's transaction, right after the voter mark. */
  async add(manager: EntityManager, electionId: number, ballot: CastBallot): Promise<void> {
    const sealed = this.cipher.seal({ electionId, ballotId: ballot.ballotId, entries: ballot.entries, tracker: ballot.tracker ?? null });
    await manager
      .getRepository('pending_ballot')
      .insert({ id: this.cipher.rowId(electionId, ballot.ballotId), election_id: electionId, payload: toSqlBytes(sealed) });
  }

  async count(manager: EntityManager, electionId: number): Promise<number> {
    return manager.getRepository('pending_ballot').count({ where: { election_id: electionId } });
  }

  async find(manager: EntityManager, electionId: number, ballotId: string): Promise<StoredBallot | null> {
    const row = await manager
      .createQueryBuilder()
      .select('p.payload', 'payload')
      .from('pending_ballot', 'p')
      .where('p.id = :id AND p.election_id = :electionId', { id: this.cipher.rowId(electionId, ballotId), electionId })
      .getRawOne<{ payload: unknown }>();
    if (!row) return null;
    const ballot = this.cipher.open(fromSqlBytes(row.payload)!, electionId);
    if (!ballot) throw new PendingBallotUnreadableError(1);
    return { ballotId: ballot.ballotId, entries: ballot.entries, tracker: ballot.tracker ?? null };
  }

  async remove(manager: EntityManager, electionId: number, ballotId: string): Promise<number> {
    const result = await manager.getRepository('pending_ballot').delete({ id: this.cipher.rowId(electionId, ballotId), election_id: electionId });
    return result.affected ?? 0;
  }

  /**
   * Moves pending ballots of the election into `ballot`: when `keep` is a number, only if more than
   * `2 × keep - 1` wait, and then all but a random `keep` of them (the pool stays a mix); when
   * `keep` is 0, all of them. Returns how many moved. Rows that do not open abort the move.
   */
  async move(electionId: number, keep: number): Promise<number> {
    return this.db.transaction(async ({ manager }) => {
      const select = manager
        .createQueryBuilder()
        .select('p.id', 'id')
        .addSelect('p.payload', 'payload')
        .from('pending_ballot', 'p')
        .where('p.election_id = :electionId', { electionId });
      // FOR UPDATE: a concurrent flush (another cast, another replica) waits, then finds the rows gone.
      // SQLite has no row locks: its one writer at a time is the lock.
      const rows = await (this.db.dialect === 'sqlite' ? select : select.setLock('pessimistic_write')).getRawMany<{ id: string; payload: unknown }>();
      if (rows.length === 0 || (keep > 0 && rows.length < 2 * keep)) return 0;
      const chosen = shuffle(rows).slice(0, rows.length - keep);
      const ballots: PendingBallot[] = [];
      for (const row of chosen) {
        const ballot = this.cipher.open(fromSqlBytes(row.payload)!, electionId);
        if (ballot) ballots.push(ballot);
      }
      if (ballots.length !== chosen.length) throw new PendingBallotUnreadableError(chosen.length - ballots.length);
      for (let i = 0; i < chosen.length; i += ROWS_PER_INSERT) {
        const ids = chosen.slice(i, i + ROWS_PER_INSERT).map((r) => r.id);
        await manager.createQueryBuilder().delete().from('pending_ballot').where('id IN (:...ids)', { ids }).execute();
      }
      await this.checkpoint('flush:after-delete');
      const ballotRows = shuffle(
        ballots.flatMap((b) =>
          b.entries.map((e) => ({ id: ballotRowId(randomUUID()), election_id: electionId, rank: e.rank, candidate: e.candidate, voter: b.ballotId })),
        ),
      );
      for (let i = 0; i < ballotRows.length; i += ROWS_PER_INSERT) {
        await manager
          .createQueryBuilder()
          .insert()
          .into('ballot')
          .values(ballotRows.slice(i, i + ROWS_PER_INSERT))
          .updateEntity(false)
          .execute();
      }
      // Trackers enter with their ballots, in the same shuffled batch and transaction.
      const trackerRows = shuffle(ballots.filter((b) => b.tracker).map((b) => ({ ballot_id: b.ballotId, election_id: electionId, tracker: b.tracker! })));
      for (let i = 0; i < trackerRows.length; i += ROWS_PER_INSERT) {
        await manager
          .createQueryBuilder()
          .insert()
          .into('ballot_tracker')
          .values(trackerRows.slice(i, i + ROWS_PER_INSERT))
          .updateEntity(false)
          .execute();
      }
      await this.checkpoint('flush:after-insert');
      return chosen.length;
    });
  }
}

/** Fisher–Yates over crypto.randomInt: the order of a batch must not be guessable. */
function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
