import type { DialectDdl } from './dialect-ddl.js';

const TS = 'TIMESTAMP WITHOUT TIME ZONE';

export const postgresDdl: DialectDdl = {
  v2Tables: [
    {
      table: 'user',
      create: [
        `CREATE TABLE "user" (id SERIAL NOT NULL, username VARCHAR(255), name VARCHAR(255), token VARCHAR(255), token_expires_at ${TS}, created_at ${TS}, updated_at ${TS}, PRIMARY KEY (id), UNIQUE (username))`,
      ],
    },
    {
      table: 'election',
      create: [
        `CREATE TABLE election (id SERIAL NOT NULL, key VARCHAR(255) NOT NULL, name VARCHAR(255), created_at ${TS}, updated_at ${TS}, PRIMARY KEY (id), UNIQUE (key))`,
      ],
    },
    {
      table: 'voter',
      create: [
        `CREATE TABLE voter (id SERIAL NOT NULL, user_id INTEGER, election_id INTEGER, created_at ${TS}, updated_at ${TS}, salt BYTEA, ballot_id BYTEA, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)`,
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
        `CREATE TABLE request (id SERIAL NOT NULL, user_id INTEGER, election_id INTEGER, name VARCHAR(255), email VARCHAR(255), chat VARCHAR(255), description TEXT, comments TEXT, reviewed BOOLEAN, created_at ${TS}, updated_at ${TS}, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)`,
      ],
    },
    { table: 'schema_version', create: ['CREATE TABLE schema_version (version INTEGER NOT NULL, PRIMARY KEY (version))'] },
  ],
  // Elekto's own update_schema_2, statement for statement.
  upgradeV1: [
    'ALTER TABLE voter ADD COLUMN salt BYTEA, ADD COLUMN ballot_id BYTEA',
    'CREATE INDEX voter_election_id ON voter(election_id)',
    'ALTER TABLE ballot DROP COLUMN created_at, DROP COLUMN updated_at',
    'ALTER TABLE ballot DROP CONSTRAINT ballot_pkey',
    "ALTER TABLE ballot ALTER COLUMN id TYPE CHAR(32) USING to_char(id , 'FM00000000000000000000000000000000')",
    'ALTER TABLE ballot ALTER COLUMN id DROP DEFAULT',
    'ALTER TABLE ballot ADD CONSTRAINT ballot_pkey PRIMARY KEY ( id )',
    'CREATE INDEX ballot_election_id ON ballot(election_id)',
  ],
  additions: [
    'ALTER TABLE voter ADD COLUMN link_scheme VARCHAR(64)',
    'CREATE UNIQUE INDEX voter_user_election_unique ON voter (user_id, election_id)',
    'ALTER TABLE election ADD COLUMN archived BOOLEAN NOT NULL DEFAULT false',
    `ALTER TABLE request ADD COLUMN decision VARCHAR(16), ADD COLUMN decision_note TEXT, ADD COLUMN decided_by VARCHAR(255), ADD COLUMN decided_at ${TS}`,
    'CREATE INDEX ballot_election_voter ON ballot (election_id, voter)',
    `CREATE TABLE elekto_meta_sync (id INTEGER NOT NULL, revision VARCHAR(64), synced_at ${TS}, PRIMARY KEY (id))`,
    'CREATE TABLE passphrase_attempt (id SERIAL NOT NULL, user_id INTEGER NOT NULL, election_id INTEGER NOT NULL, attempts TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (user_id, election_id), FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, FOREIGN KEY(election_id) REFERENCES election (id) ON DELETE CASCADE)',
  ],
  dropAdditions: [
    'DROP TABLE passphrase_attempt',
    'DROP TABLE elekto_meta_sync',
    'DROP INDEX ballot_election_voter',
    'ALTER TABLE request DROP COLUMN decision, DROP COLUMN decision_note, DROP COLUMN decided_by, DROP COLUMN decided_at',
    'ALTER TABLE election DROP COLUMN archived',
    'DROP INDEX voter_user_election_unique',
    'ALTER TABLE voter DROP COLUMN link_scheme',
  ],
};
