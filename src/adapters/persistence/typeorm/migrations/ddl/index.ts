import type { QueryRunner } from 'typeorm';
import type { DialectDdl } from './dialect-ddl.js';
import { mysqlDdl } from './mysql-ddl.js';
import { postgresDdl } from './postgres-ddl.js';
import { sqliteDdl } from './sqlite-ddl.js';

export type { DialectDdl };

export function ddlFor(runner: QueryRunner): DialectDdl {
  const type = runner.connection.options.type;
  switch (type) {
    case 'postgres':
      return postgresDdl;
    case 'mysql':
    case 'mariadb':
      return mysqlDdl;
    case 'better-sqlite3':
      return sqliteDdl;
    default:
      throw new Error(`No migrations for database type "${type}"`);
  }
}
