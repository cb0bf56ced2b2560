import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GitHub's numeric user id beside Elekto's `user.username`: a login can be renamed and then taken by
 * someone else, the id cannot, so sign-in never hands a row (and its ballots, its requests) to another
 * account. One nullable column and a unique index: Elekto ignores both, and rows from Elekto's time
 * adopt the first id a GitHub sign-in brings.
 */
export class GithubIdentity_1765100000000 implements MigrationInterface {
  readonly name = 'GithubIdentity_1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    const user = quotedUser(runner);
    await runner.query(`ALTER TABLE ${user} ADD COLUMN github_id BIGINT NULL`);
    // NULLs do not collide: every Elekto-era row may still be without an id.
    await runner.query(`CREATE UNIQUE INDEX ux_user_github_id ON ${user} (github_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const user = quotedUser(runner);
    const type = runner.connection.options.type;
    await runner.query(type === 'mysql' || type === 'mariadb' ? `DROP INDEX ux_user_github_id ON ${user}` : 'DROP INDEX ux_user_github_id');
    await runner.query(`ALTER TABLE ${user} DROP COLUMN github_id`);
  }
}

function quotedUser(runner: QueryRunner): string {
  const type = runner.connection.options.type;
  return type === 'mysql' || type === 'mariadb' ? '`user`' : '"user"';
}
