import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two tables of ours (Elekto ignores both; no Elekto table changes, so going back to Elekto works):
 *
 * - `bulletin_freeze`: the bulletin digest fixed at an election's close (docs/verify.md). Its
 *   primary key is the election, so the first replica to freeze wins and no later write replaces it.
 *   The bulletin itself is kept beside it (JSON), so a later difference can be named ballot by ballot.
 * - `ballot_tracker`: the random tracker of a ballot in an election with `ballot_trackers: true`,
 *   keyed by the ballot id (Elekto's `ballot.voter`) and never by the voter. Rows are written with the
 *   ballot's own rows, in the pending pool's shuffled batches, so their order says nothing either.
 */
export class BulletinFreezeAndTrackers_1765300000000 implements MigrationInterface {
  readonly name = 'BulletinFreezeAndTrackers_1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    const time = type === 'postgres' ? 'TIMESTAMP' : type === 'better-sqlite3' ? 'DATETIME' : 'DATETIME(3)';
    const blob = type === 'postgres' ? 'BYTEA' : type === 'better-sqlite3' ? 'BLOB' : 'LONGBLOB';
    await runner.query(
      `CREATE TABLE bulletin_freeze (election_id INTEGER NOT NULL, digest CHAR(64) NOT NULL, ballot_count INTEGER NOT NULL, frozen_at ${time} NOT NULL, bulletin ${blob} NOT NULL, ` +
        'PRIMARY KEY (election_id), FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
    );
    await runner.query(
      'CREATE TABLE ballot_tracker (ballot_id VARCHAR(64) NOT NULL, election_id INTEGER NOT NULL, tracker VARCHAR(32) NOT NULL, ' +
        'PRIMARY KEY (ballot_id), FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
    );
    await runner.query('CREATE INDEX ix_ballot_tracker_election_id ON ballot_tracker (election_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ballot_tracker');
    await runner.query('DROP TABLE bulletin_freeze');
  }
}
