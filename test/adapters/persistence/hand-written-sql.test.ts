import { handWrittenSql } from '../../../src/adapters/persistence/typeorm/hand-written-sql.js';

describe('hand-written SQL, spelled per dialect', () => {
  const statement = handWrittenSql(({ param, name }) => `SELECT '?' AS q FROM ${name('user')} WHERE ${name('key')} = ${param(1)} AND id = ${param(2)}`);

  it('numbers the placeholders on PostgreSQL and leaves a ? inside a literal alone', () => {
    expect(statement('postgres')).toBe(`SELECT '?' AS q FROM "user" WHERE "key" = $1 AND id = $2`);
  });

  it('writes positional ? and backquotes on MySQL/MariaDB, double quotes on SQLite', () => {
    expect(statement('mysql')).toBe("SELECT '?' AS q FROM `user` WHERE `key` = ? AND id = ?");
    expect(statement('sqlite')).toBe(`SELECT '?' AS q FROM "user" WHERE "key" = ? AND id = ?`);
  });

  it('builds the text once per dialect', () => {
    let built = 0;
    const counted = handWrittenSql(({ param }) => `SELECT ${param(1)} AS n${++built}`);
    expect(counted('postgres')).toBe(counted('postgres'));
    expect(built).toBe(1);
  });

  it('refuses parameters out of order (MySQL and SQLite bind ? by position) and identifiers that are not plain', () => {
    expect(() => handWrittenSql(({ param }) => `${param(2)} ${param(1)}`)('sqlite')).toThrow(/parameter 2/);
    expect(() => handWrittenSql(({ name }) => name('x"; DROP TABLE user; --'))('postgres')).toThrow(/not a plain identifier/);
  });
});
