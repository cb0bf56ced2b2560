import type { DatabaseKind } from '../../support/databases.js';
import { mysqlDdl } from '../../../src/adapters/persistence/typeorm/migrations/ddl/mysql-ddl.js';
import { postgresDdl } from '../../../src/adapters/persistence/typeorm/migrations/ddl/postgres-ddl.js';
import { sqliteDdl } from '../../../src/adapters/persistence/typeorm/migrations/ddl/sqlite-ddl.js';

/**
 * Databases as Elekto leaves them, built with raw SQL (no code of ours in between), for the
 * compatibility tests. The v2 DDL is SQLAlchemy's create_all output for Elekto's models (spec §4.1);
 * it is also what our first migration runs, so it is repeated here only through those constants.
 */
export const ELEKTO_V2_DDL: Record<DatabaseKind, string[]> = {
  postgres: postgresDdl.v2Tables.flatMap((t) => t.create),
  mariadb: mysqlDdl.v2Tables.flatMap((t) => t.create),
  sqlite: sqliteDdl.v2Tables.flatMap((t) => t.create),
};

/** Elekto before 0.6 (schema v1): integer ballot ids with timestamps, no sealed link, no schema_version. */
export const ELEKTO_V1_DDL: Record<DatabaseKind, string[]> = {
  postgres: [
    'CREATE TABLE "user" (id SERIAL PRIMARY KEY, username VARCHAR(255) UNIQUE, name VARCHAR(255), token VARCHAR(255), token_expires_at TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP)',
    'CREATE TABLE election (id SERIAL PRIMARY KEY, key VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255), created_at TIMESTAMP, updated_at TIMESTAMP)',
    'CREATE TABLE voter (id SERIAL PRIMARY KEY, user_id INTEGER REFERENCES "user"(id) ON DELETE CASCADE, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, created_at TIMESTAMP, updated_at TIMESTAMP)',
    'CREATE TABLE ballot (id SERIAL, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, rank INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP, CONSTRAINT ballot_pkey PRIMARY KEY (id))',
    'CREATE TABLE request (id SERIAL PRIMARY KEY, user_id INTEGER REFERENCES "user"(id) ON DELETE CASCADE, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOLEAN, created_at TIMESTAMP, updated_at TIMESTAMP)',
  ],
  mariadb: [
    'CREATE TABLE `user` (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, username VARCHAR(255) UNIQUE, name VARCHAR(255), token VARCHAR(255), token_expires_at DATETIME, created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE election (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, `key` VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255), created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE voter (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id INTEGER, election_id INTEGER, created_at DATETIME, updated_at DATETIME, FOREIGN KEY(user_id) REFERENCES `user`(id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election(id) ON DELETE CASCADE)',
    'CREATE TABLE ballot (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, election_id INTEGER, `rank` INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, created_at DATETIME, updated_at DATETIME, FOREIGN KEY(election_id) REFERENCES election(id) ON DELETE CASCADE)',
    'CREATE TABLE request (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id INTEGER, election_id INTEGER, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOL, created_at DATETIME, updated_at DATETIME, FOREIGN KEY(user_id) REFERENCES `user`(id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election(id) ON DELETE CASCADE)',
  ],
  sqlite: [
    'CREATE TABLE "user" (id INTEGER NOT NULL PRIMARY KEY, username VARCHAR(255) UNIQUE, name VARCHAR(255), token VARCHAR(255), token_expires_at DATETIME, created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE election (id INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255), created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE voter (id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER REFERENCES "user"(id) ON DELETE CASCADE, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE ballot (id INTEGER NOT NULL PRIMARY KEY, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, rank INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, created_at DATETIME, updated_at DATETIME)',
    'CREATE TABLE request (id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER REFERENCES "user"(id) ON DELETE CASCADE, election_id INTEGER REFERENCES election(id) ON DELETE CASCADE, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOLEAN, created_at DATETIME, updated_at DATETIME)',
  ],
};

/** `user`, `key`, `rank` are reserved words in some dialect. */
export function quote(kind: DatabaseKind, sql: string): string {
  const q = kind === 'mariadb' ? '`' : '"';
  return sql.replace(/\{(\w+)\}/g, (_, name: string) => `${q}${name}${q}`);
}

/** `?` placeholders, numbered for PostgreSQL. */
export function placeholders(kind: DatabaseKind, sql: string): string {
  let i = 0;
  return kind === 'postgres' ? sql.replace(/\?/g, () => `$${++i}`) : sql;
}
