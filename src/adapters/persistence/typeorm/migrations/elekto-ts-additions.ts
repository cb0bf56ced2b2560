import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlFor } from './ddl/index.js';

/**
 * Our additions to schema v2. An older Elekto ignores them: new columns are nullable or have a
 * default, new tables are ours alone. The unique (user_id, election_id) index is the one change an
 * Elekto database may not accept (its double-vote race left duplicates): then we stop and name them.
 */
export class ElektoTsAdditions_1700000000000 implements MigrationInterface {
  readonly name = 'ElektoTsAdditions_1700000000000';

  async up(runner: QueryRunner): Promise<void> {
    await refuseDuplicateVoters(runner);
    for (const sql of ddlFor(runner).additions) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of ddlFor(runner).dropAdditions) await runner.query(sql);
  }
}

export class DuplicateVotersError extends Error {
  constructor(readonly duplicates: ReadonlyArray<{ userId: number; electionId: number; voterIds: number[] }>) {
    super(
      'Cannot add the one-ballot-per-voter constraint: some users have more than one voter row in an election ' +
        "(Elekto's double-vote race). Nothing was changed. Decide with the election officers which ballot " +
        'counts, remove the extra voter row(s) and ballot(s) by hand, then run `elekto migrate` again.\n' +
        duplicates.map((d) => `  - user_id ${d.userId}, election_id ${d.electionId}: voter rows ${d.voterIds.join(', ')}`).join('\n'),
    );
    this.name = 'DuplicateVotersError';
  }
}

async function refuseDuplicateVoters(runner: QueryRunner): Promise<void> {
  const groups = (await runner.query(
    'SELECT user_id, election_id FROM voter WHERE user_id IS NOT NULL AND election_id IS NOT NULL GROUP BY user_id, election_id HAVING COUNT(*) > 1 ORDER BY user_id, election_id',
  )) as Array<{ user_id: number; election_id: number }>;
  if (groups.length === 0) return;
  const duplicates = [];
  for (const g of groups) {
    const param = runner.connection.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    const rows = (await runner.query(`SELECT id FROM voter WHERE user_id = ${param[0]} AND election_id = ${param[1]} ORDER BY id`, [
      g.user_id,
      g.election_id,
    ])) as Array<{ id: number }>;
    duplicates.push({ userId: Number(g.user_id), electionId: Number(g.election_id), voterIds: rows.map((r) => Number(r.id)) });
  }
  throw new DuplicateVotersError(duplicates);
}
