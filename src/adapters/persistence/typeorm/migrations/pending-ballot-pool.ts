import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pending ballot pool (docs/ballot-secrecy.md): a cast writes its voter mark and a sealed
 * pending row in one transaction; rows move into Elekto's `ballot` table later, in shuffled
 * batches. A new table of ours only: Elekto ignores it, and no Elekto table changes. The row id is a
 * keyed hash (never a sequence) and there is no timestamp, so the pool itself keeps no cast order.
 */
export class PendingBallotPool_1764600000000 implements MigrationInterface {
  readonly name = 'PendingBallotPool_1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    const blob = type === 'postgres' ? 'BYTEA' : type === 'better-sqlite3' ? 'BLOB' : 'MEDIUMBLOB';
    await runner.query(
      `CREATE TABLE pending_ballot (id CHAR(32) NOT NULL, election_id INTEGER NOT NULL, payload ${blob} NOT NULL, PRIMARY KEY (id), ` +
        'FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
    );
    await runner.query('CREATE INDEX ix_pending_ballot_election_id ON pending_ballot (election_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Refuse to throw ballots away: the pool must be empty (results computed) before this is undone.
    const rows = (await runner.query('SELECT COUNT(*) AS n FROM pending_ballot')) as Array<{ n: unknown }>;
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) throw new Error(`Refusing to drop pending_ballot: it still holds ${n} ballot(s). Compute the results of their elections first.`);
    await runner.query('DROP TABLE pending_ballot');
  }
}
