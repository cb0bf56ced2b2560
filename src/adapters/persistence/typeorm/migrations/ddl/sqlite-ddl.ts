import type { DialectDdl } from './dialect-ddl.js';

export const sqliteDdl: DialectDdl = {
  v2Tables: [
    {
      table: 'user',
      create: [
        'CREATE TABLE "user" (id INTEGER NOT NULL, username VARCHAR(255), name VARCHAR(255), token VARCHAR(255), token_expires_at DATETIME, created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE (username))',
      ],
    },
    {
      table: 'election',
      create: [
        'CREATE TABLE election (id INTEGER NOT NULL, "key" VARCHAR(255) NOT NULL, name VARCHAR(255), created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE ("key"))',
      ],
    },
    {
      table: 'voter',
      create: [
        'CREATE TABLE voter (id INTEGER NOT NULL, user_id INTEGER, election_id INTEGER, created_at DATETIME, updated_at DATETIME, salt BLOB, ballot_id BLOB, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
        'CREATE INDEX ix_voter_election_id ON voter (election_id)',
      ],
    },
    {
      table: 'ballot',
      create: [
        'CREATE TABLE ballot (id CHAR(32) NOT NULL, election_id INTEGER, rank INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, PRIMARY KEY (id), FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
        'CREATE INDEX ix_ballot_election_id ON ballot (election_id)',
      ],
    },
    {
      table: 'request',
      create: [
        'CREATE TABLE request (id INTEGER NOT NULL, user_id INTEGER, election_id INTEGER, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOLEAN, created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
      ],
    },
    { table: 'schema_version', create: ['CREATE TABLE schema_version (version INTEGER NOT NULL, PRIMARY KEY (version))'] },
  ],
  // SQLite cannot change a column's type: the ballot table is rebuilt (inside the migration's transaction).
  upgradeV1: [
    'ALTER TABLE voter ADD COLUMN salt BLOB',
    'ALTER TABLE voter ADD COLUMN ballot_id BLOB',
    'CREATE INDEX voter_election_id ON voter(election_id)',
    'CREATE TABLE ballot_v2 (id CHAR(32) NOT NULL, election_id INTEGER, rank INTEGER, candidate VARCHAR(255) NOT NULL, voter VARCHAR(255) NOT NULL, PRIMARY KEY (id), FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
    "INSERT INTO ballot_v2 (id, election_id, rank, candidate, voter) SELECT printf('%032d', id), election_id, rank, candidate, voter FROM ballot",
    'DROP TABLE ballot',
    'ALTER TABLE ballot_v2 RENAME TO ballot',
    'CREATE INDEX ballot_election_id ON ballot(election_id)',
  ],
  additions: [
    'ALTER TABLE voter ADD COLUMN link_scheme VARCHAR(64)',
    'CREATE UNIQUE INDEX voter_user_election_unique ON voter (user_id, election_id)',
    'ALTER TABLE election ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0',
    'ALTER TABLE request ADD COLUMN decision VARCHAR(16)',
    'ALTER TABLE request ADD COLUMN decision_note TEXT',
    'ALTER TABLE request ADD COLUMN decided_by VARCHAR(255)',
    'ALTER TABLE request ADD COLUMN decided_at DATETIME',
    'CREATE INDEX ballot_election_voter ON ballot (election_id, voter)',
    'CREATE TABLE elekto_meta_sync (id INTEGER NOT NULL, revision VARCHAR(64), synced_at DATETIME, PRIMARY KEY (id))',
    'CREATE TABLE passphrase_attempt (id INTEGER NOT NULL, user_id INTEGER NOT NULL, election_id INTEGER NOT NULL, attempts TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (user_id, election_id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
  ],
  dropAdditions: [
    'DROP TABLE passphrase_attempt',
    'DROP TABLE elekto_meta_sync',
    'DROP INDEX ballot_election_voter',
    'ALTER TABLE request DROP COLUMN decided_at',
    'ALTER TABLE request DROP COLUMN decided_by',
    'ALTER TABLE request DROP COLUMN decision_note',
    'ALTER TABLE request DROP COLUMN decision',
    'ALTER TABLE election DROP COLUMN archived',
    'DROP INDEX voter_user_election_unique',
    'ALTER TABLE voter DROP COLUMN link_scheme',
  ],
};
