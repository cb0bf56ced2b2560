import type { AttemptKey, AttemptLimit, AttemptVerdict, PassphraseAttempts } from '../../../application/ports/passphrase-attempts.js';
import { findElectionId } from './election-id.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * Attempt times per (election, voter) in one row, updated under a row lock, so every replica of the
 * application shares one limit and concurrent guesses cannot slip past it.
 */
export class TypeOrmPassphraseAttempts implements PassphraseAttempts {
  constructor(private readonly db: SqlDatabase) {}

  async take(key: AttemptKey, at: Date, limit: AttemptLimit): Promise<AttemptVerdict> {
    const { db } = this;
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.transaction(async (sql) => {
          const electionId = await findElectionId(db, sql, key.electionKey);
          // Without an election row nothing can be opened anyway; counting would need a row to hang on.
          if (electionId === null) return { allowed: true } as const;
          const lock = db.dialect === 'sqlite' ? '' : ' FOR UPDATE';
          const rows = await sql.rows<{ id: number; attempts: string }>(
            `SELECT id, attempts FROM passphrase_attempt WHERE user_id = ? AND election_id = ?${lock}`,
            [key.userId, electionId],
          );
          const now = at.getTime();
          const recent = (rows[0]?.attempts ?? '')
            .split(',')
            .filter(Boolean)
            .map(Number)
            .filter((t) => t > now - limit.windowMs && t <= now);
          const allowed = recent.length < limit.maxAttempts;
          if (allowed) recent.push(now);
          const text = recent.join(',');
          if (rows[0]) await sql.exec('UPDATE passphrase_attempt SET attempts = ? WHERE id = ?', [text, rows[0].id]);
          else await sql.exec('INSERT INTO passphrase_attempt (user_id, election_id, attempts) VALUES (?, ?, ?)', [key.userId, electionId, text]);
          return allowed ? ({ allowed: true } as const) : { allowed: false as const, retryAt: new Date(Math.min(...recent) + limit.windowMs) };
        });
      } catch (e) {
        // The first attempts of one voter raced to create the row (a unique violation, or on MariaDB a
        // deadlock between the gap locks of the two inserts): go again, now the row exists and locks.
        if (attempt < 5 && (db.isUniqueViolation(e) || db.isTransientConflict(e))) continue;
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
}
