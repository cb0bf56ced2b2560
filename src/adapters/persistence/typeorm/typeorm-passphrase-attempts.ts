import type { AttemptKey, AttemptLimit, AttemptVerdict, PassphraseAttempts } from '../../../application/ports/passphrase-attempts.js';
import { databaseNowSql } from './database-time.js';
import { findElectionId } from './election-id.js';
import { isUniqueViolation, isTransientConflict } from './database-errors.js';
import type { Sql, SqlDatabase } from './sql-database.js';

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
        return await db.transaction(async (sql) => {
          const electionId = await findElectionId(db, sql, key.electionKey);
          // Without an election row nothing can be opened anyway; counting would need a row to hang on.
          if (electionId === null) return { allowed: true } as const;
          // Create-or-lock in one statement: the row exists and is ours from here on. (Selecting first and
          // inserting when missing let MariaDB's gap locks deadlock a burst of first guesses.)
          await sql.exec(this.createOrLockSql(), [key.userId, electionId]);
          const lock = db.dialect === 'sqlite' ? '' : ' FOR UPDATE';
          const rows = await sql.rows<{ id: number; attempts: string }>(
            `SELECT id, attempts FROM passphrase_attempt WHERE user_id = ? AND election_id = ?${lock}`,
            [key.userId, electionId],
          );
          const row = rows[0];
          if (!row) throw new Error('passphrase_attempt row vanished while locked');
          const now = await this.now(sql);
          // Times after `now` (the server's clock set back) still count: dropping them would hand out attempts.
          const recent = row.attempts
            .split(',')
            .filter(Boolean)
            .map(Number)
            .filter((t) => t > now - limit.windowMs);
          const allowed = recent.length < limit.maxAttempts;
          if (allowed) recent.push(now);
          await sql.exec('UPDATE passphrase_attempt SET attempts = ? WHERE id = ?', [recent.join(','), row.id]);
          return allowed ? ({ allowed: true } as const) : { allowed: false as const, retryAt: new Date(Math.min(...recent) + limit.windowMs) };
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
    const { db } = this;
    await db.run(async (sql) => {
      const electionId = await findElectionId(db, sql, key.electionKey);
      if (electionId !== null) await sql.exec('DELETE FROM passphrase_attempt WHERE user_id = ? AND election_id = ?', [key.userId, electionId]);
    });
  }

  private createOrLockSql(): string {
    const insert = "INSERT INTO passphrase_attempt (user_id, election_id, attempts) VALUES (?, ?, '')";
    return this.db.dialect === 'mysql'
      ? `${insert} ON DUPLICATE KEY UPDATE attempts = attempts`
      : `${insert} ON CONFLICT (user_id, election_id) DO UPDATE SET attempts = passphrase_attempt.attempts`;
  }

  private async now(sql: Sql): Promise<number> {
    const rows = await sql.rows<{ now: unknown }>(databaseNowSql(this.db.dialect));
    return Number(rows[0]?.now);
  }
}
