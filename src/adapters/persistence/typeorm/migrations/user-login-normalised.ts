import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Our lower-cased login beside Elekto's `user.username` (issue 13). Elekto compares usernames
 * exactly, so `username` keeps the spelling GitHub gave (`Alice`) and a voter stays eligible if the
 * operator goes back to Elekto; our case-insensitive lookups read `login_normalised` instead of
 * lower-casing `username` in place. One nullable column and a plain index (an old Elekto database may
 * hold `Alice` and `alice` both: the lowest id wins, as before), filled here for every existing row.
 * Rows Elekto inserts later have it NULL; the adapter falls back to LOWER(username) for those.
 */
export class UserLoginNormalised_1765350000000 implements MigrationInterface {
  readonly name = 'UserLoginNormalised_1765350000000';

  async up(runner: QueryRunner): Promise<void> {
    const user = quotedUser(runner);
    await runner.query(`ALTER TABLE ${user} ADD COLUMN login_normalised VARCHAR(255) NULL`);
    await runner.query(`UPDATE ${user} SET login_normalised = LOWER(username)`);
    await runner.query(`CREATE INDEX ix_user_login_normalised ON ${user} (login_normalised)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const user = quotedUser(runner);
    const type = runner.connection.options.type;
    await runner.query(type === 'mysql' || type === 'mariadb' ? `DROP INDEX ix_user_login_normalised ON ${user}` : 'DROP INDEX ix_user_login_normalised');
    await runner.query(`ALTER TABLE ${user} DROP COLUMN login_normalised`);
  }
}

function quotedUser(runner: QueryRunner): string {
  const type = runner.connection.options.type;
  return type === 'mysql' || type === 'mariadb' ? '`user`' : '"user"';
}
