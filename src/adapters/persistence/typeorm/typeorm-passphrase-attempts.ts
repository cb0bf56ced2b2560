import type { EntityManager } from 'typeorm';
import type { AttemptKey, AttemptLimit, AttemptVerdict, PassphraseAttempts } from '../../../application/ports/passphrase-attempts.js';
import { databaseNowExpression } from './database-time.js';
import { isTransientConflict, isUniqueViolation } from './database-errors.js';
import { findElectionId } from './election-id.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * Attempt times per (election, voter) in one row, updated under a row lock, so every replica of the
 * application shares one limit and concurrent guesses cannot slip past it. The times are the
 * database's, read once the row is locked: stamps taken by each process before waiting for the lock
 * reached the row out of order, and the older stamp then pruned the newer ones (a lost update).
 */
export class TypeOrmPassphraseAttempts implements PassphraseAttempts {
  constructor(private readonly db: SqlDatabase) {}

  async take(key: AttemptKey, limit: AttemptLimit): Promise<AttemptVerdict> {
    const { db } = this;
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.transaction(async ({ manager }) => {
          const electionId = await findElectionId(manager, key.electionKey);
          // Without an election row nothing can be opened anyway; counting would need a row to hang on.
          if (electionId === null) return { allowed: true } as const;
          const row = await this.lockedRow(manager, key.userId, electionId);
          const now = await this.now(manager, electionId);
          // Times after `now` (the server's clock set back) still count: dropping them would hand out attempts.
          const recent = row.attempts
            .split(',')
            .filter(Boolean)
            .map(Number)
            .filter((t) => t > now - limit.windowMs);
          const allowed = recent.length < limit.maxAttempts;
          if (allowed) recent.push(now);
          await manager.getRepository('passphrase_attempt').update({ id: row.id }, { attempts: recent.join(',') });
          if (allowed) return { allowed: true } as const;
          const retryAt = Math.min(...recent) + limit.windowMs;
          return { allowed: false as const, retryAt: new Date(retryAt), retryAfterMs: Math.max(0, retryAt - now) };
        });
      } catch (e) {
        // A deadlock victim (MariaDB can still pick one among concurrent first inserts) or a unique
        // violation: the transaction was rolled back whole, nothing was counted; go again.
        if (attempt < 5 && (isUniqueViolation(e) || isTransientConflict(e))) continue;
        throw e;
      }
    }
  }

  async forget(key: AttemptKey): Promise<void> {
    await this.db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, key.electionKey);
      if (electionId !== null) await manager.getRepository('passphrase_attempt').delete({ user_id: key.userId, election_id: electionId });
    });
  }

  /**
   * The database's clock, in a statement of its own once the row is locked. TypeORM selects from a
   * table: the election's row, which every snapshot of this transaction sees (on MariaDB's repeatable
   * read, a row another transaction inserted after our first read is not; reading the clock "from"
   * it gave no row and no time).
   */
  private async now(manager: EntityManager, electionId: number): Promise<number> {
    const row = await manager
      .createQueryBuilder()
      .select(databaseNowExpression(this.db.dialect), 'now')
      .from('election', 'e')
      .where('e.id = :electionId', { electionId })
      .getRawOne<{ now: unknown }>();
    const now = Number(row?.now);
    if (!Number.isFinite(now)) throw new Error('the database did not say what time it is');
    return now;
  }

  /** The voter's row, created when missing, and locked by this transaction until it ends. */
  private async lockedRow(manager: EntityManager, userId: number, electionId: number): Promise<{ id: number; attempts: string }> {
    // Create-or-lock in one statement: the row exists and is ours from here on. (Selecting first and
    // inserting when missing let MariaDB's gap locks deadlock a burst of first guesses.) The no-op
    // update of a key column is what takes the lock when the row exists (ON CONFLICT … DO UPDATE,
    // ON DUPLICATE KEY UPDATE); it leaves the row as it was.
    await manager
      .createQueryBuilder()
      .insert()
      .into('passphrase_attempt')
      .values({ user_id: userId, election_id: electionId, attempts: '' })
      .orUpdate(['user_id'], ['user_id', 'election_id'])
      .updateEntity(false)
      .execute();
    const select = manager
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.attempts', 'attempts')
      .from('passphrase_attempt', 'a')
      .where('a.user_id = :userId AND a.election_id = :electionId', { userId, electionId });
    // SQLite has no row locks: its one writer at a time is the lock.
    const row = await (this.db.dialect === 'sqlite' ? select : select.setLock('pessimistic_write')).getRawOne<{ id: number; attempts: string }>();
    if (!row) throw new Error('passphrase_attempt row vanished while locked');
    return row;
  }
}
