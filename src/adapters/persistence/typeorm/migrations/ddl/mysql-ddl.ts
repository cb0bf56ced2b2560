import type { DialectDdl } from './dialect-ddl.js';

export const mysqlDdl: DialectDdl = {
  v2Tables: [
    {
      table: 'user',
      create: [
        'CREATE TABLE `user` (id INTEGER NOT NULL AUTO_INCREMENT, username VARCHAR(255), name VARCHAR(255), token VARCHAR(255), token_expires_at DATETIME, created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE (username))',
      ],
    },
    {
      table: 'election',
      create: [
        'CREATE TABLE election (id INTEGER NOT NULL AUTO_INCREMENT, `key` VARCHAR(255) NOT NULL, name VARCHAR(255), created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE (`key`))',
      ],
    },
    {
      table: 'voter',
      create: [
        'CREATE TABLE voter (id INTEGER NOT NULL AUTO_INCREMENT, user_id INTEGER, election_id INTEGER, created_at DATETIME, updated_at DATETIME, salt BLOB, ballot_id BLOB, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES `user` (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
        'CREATE INDEX ix_voter_election_id ON voter (election_id)',
      ],
    },
    {
      table: 'ballot',
      create: [
        'CREATE TABLE ballot (id CHAR(32) NOT NULL, election_id INTEGER, `rank` INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, PRIMARY KEY (id), FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
        'CREATE INDEX ix_ballot_election_id ON ballot (election_id)',
      ],
    },
    {
      table: 'request',
      create: [
        'CREATE TABLE request (id INTEGER NOT NULL AUTO_INCREMENT, user_id INTEGER, election_id INTEGER, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOL, created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES `user` (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
      ],
    },
    { table: 'schema_version', create: ['CREATE TABLE schema_version (version INTEGER NOT NULL, PRIMARY KEY (version))'] },
  ],
  // Elekto refused to upgrade MySQL; this is its PostgreSQL upgrade in MySQL terms. MySQL commits
  // each DDL statement on its own: back up before migrating (docs/database.md).
  upgradeV1: [
    'ALTER TABLE voter ADD COLUMN salt BLOB, ADD COLUMN ballot_id BLOB',
    'CREATE INDEX voter_election_id ON voter(election_id)',
    'ALTER TABLE ballot DROP COLUMN created_at, DROP COLUMN updated_at',
    'ALTER TABLE ballot MODIFY id INTEGER NOT NULL',
    'ALTER TABLE ballot DROP PRIMARY KEY',
    'ALTER TABLE ballot MODIFY id CHAR(32) NOT NULL',
    "UPDATE ballot SET id = LPAD(id, 32, '0')",
    'ALTER TABLE ballot ADD PRIMARY KEY (id)',
    'CREATE INDEX ballot_election_id ON ballot(election_id)',
  ],
  additions: [
    'ALTER TABLE voter ADD COLUMN link_scheme VARCHAR(64)',
    'CREATE UNIQUE INDEX voter_user_election_unique ON voter (user_id, election_id)',
    'ALTER TABLE election ADD COLUMN archived BOOL NOT NULL DEFAULT 0',
    'ALTER TABLE request ADD COLUMN decision VARCHAR(16), ADD COLUMN decision_note TEXT, ADD COLUMN decided_by VARCHAR(255), ADD COLUMN decided_at DATETIME',
    'CREATE INDEX ballot_election_voter ON ballot (election_id, voter)',
    'CREATE TABLE elekto_meta_sync (id INTEGER NOT NULL, revision VARCHAR(64), synced_at DATETIME, PRIMARY KEY (id))',
    'CREATE TABLE passphrase_attempt (id INTEGER NOT NULL AUTO_INCREMENT, user_id INTEGER NOT NULL, election_id INTEGER NOT NULL, attempts TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (user_id, election_id), FOREIGN KEY(user_id) REFERENCES `user` (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
  ],
  dropAdditions: [
    'DROP TABLE passphrase_attempt',
    'DROP TABLE elekto_meta_sync',
    'DROP INDEX ballot_election_voter ON ballot',
    'ALTER TABLE request DROP COLUMN decision, DROP COLUMN decision_note, DROP COLUMN decided_by, DROP COLUMN decided_at',
    'ALTER TABLE election DROP COLUMN archived',
    // The foreign key on voter.user_id may be using this index: give it its own before dropping.
    'CREATE INDEX voter_user_id ON voter (user_id)',
    'DROP INDEX voter_user_election_unique ON voter',
    'ALTER TABLE voter DROP COLUMN link_scheme',
  ],
};
