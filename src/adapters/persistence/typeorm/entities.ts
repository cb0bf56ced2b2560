import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaIndexOptions, type EntitySchemaRelationOptions } from 'typeorm';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';
/** A row of a table no adapter reads through a typed repository (relations name their own keys). */
type Row = Record<string, unknown>;

/** Rows as the drivers hand them back: ids and counts may come as text, dates and booleans vary. */
export interface UserRow {
  id: number;
  username: string | null;
  name: string | null;
  token: string | null;
  token_expires_at: unknown;
  created_at: unknown;
  updated_at: unknown;
  github_id: number | string | null;
  login_normalised: string | null;
}
export interface ElectionRow {
  id: number;
  key: string;
  name: string | null;
  created_at: unknown;
  updated_at: unknown;
  archived: unknown;
}

/**
 * The TypeORM mapping of Elekto's schema v2 plus our additions, table for table, column for column.
 * The DDL in migrations/ is the source of truth (`synchronize` is never used); this mapping says the
 * same thing to TypeORM, so its Repository and QueryBuilder quote, type and dialect the queries, and
 * test/adapters/persistence/entity-schemas.test.ts checks it against every migrated database.
 * Rows are plain records: the domain types stay free of ORM decorators.
 */
export function entitySchemas(dialect: Dialect): EntitySchema[] {
  const date = (nullable = true): EntitySchemaColumnOptions => ({
    type: dialect === 'postgres' ? 'timestamp without time zone' : 'datetime',
    nullable,
  });
  // MEDIUMBLOB and LONGBLOB where the DDL asked MySQL for more than BLOB's 64 KiB.
  const blob = (nullable = true, mysql: 'blob' | 'mediumblob' | 'longblob' = 'blob'): EntitySchemaColumnOptions => ({
    type: dialect === 'postgres' ? 'bytea' : dialect === 'mysql' ? mysql : 'blob',
    nullable,
  });
  const str = (nullable = true, length = 255): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable });
  const char = (length: number, extra: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({
    type: dialect === 'sqlite' ? 'character' : 'char',
    length,
    ...extra,
  });
  const int = (nullable = true): EntitySchemaColumnOptions => ({ type: 'integer', nullable });
  const text = (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable });
  const bool = (nullable = true): EntitySchemaColumnOptions => ({ type: 'boolean', nullable });
  // SERIAL, AUTO_INCREMENT, and on SQLite an INTEGER PRIMARY KEY: the rowid, which SQLite numbers
  // itself (TypeORM would write AUTOINCREMENT for it, but only `synchronize` would, and it never runs).
  const serial: EntitySchemaColumnOptions = { type: 'integer', primary: true, generated: 'increment' };
  const key = (column: EntitySchemaColumnOptions): EntitySchemaColumnOptions => ({ ...column, primary: true, nullable: false });
  const cascadeTo = (target: string, column: string): EntitySchemaRelationOptions => ({
    type: 'many-to-one',
    target,
    joinColumn: { name: column },
    onDelete: 'CASCADE',
  });
  // InnoDB gives every foreign key an index of its own unless one already starts with its column.
  const fkIndexes = (...columns: string[]): EntitySchemaIndexOptions[] => (dialect === 'mysql' ? columns.map((c) => ({ name: c, columns: [c] })) : []);
  // UNIQUE in a CREATE TABLE: a constraint on PostgreSQL and SQLite, a unique index on MySQL.
  const unique = (columns: string[]) => (dialect === 'mysql' ? { indices: [{ columns, unique: true }] } : { uniques: [{ columns }] });

  // A saved catalog, the default organization's (keyed by id) and every other organization's alike.
  const savedCatalogColumns = (): Record<string, EntitySchemaColumnOptions> => ({
    format: int(false),
    revision: str(true, 64),
    synced_at: date(false),
    saved_at: date(false),
    elections: int(false),
    digest: char(64, { nullable: false }),
    payload: blob(false, 'longblob'),
  });

  return [
    new EntitySchema<UserRow>({
      name: 'user',
      tableName: 'user',
      columns: {
        id: serial,
        username: str(),
        name: str(),
        token: str(),
        token_expires_at: date(),
        created_at: date(),
        updated_at: date(),
        github_id: { type: 'bigint', nullable: true },
        login_normalised: str(),
      },
      ...merge(unique(['username']), {
        indices: [
          { name: 'ux_user_github_id', columns: ['github_id'], unique: true },
          { name: 'ix_user_login_normalised', columns: ['login_normalised'] },
        ],
      }),
    }),
    new EntitySchema<ElectionRow>({
      name: 'election',
      tableName: 'election',
      columns: {
        id: serial,
        key: str(false),
        name: str(),
        created_at: date(),
        updated_at: date(),
        archived: { ...bool(false), default: false },
      },
      ...unique(['key']),
    }),
    new EntitySchema<Row>({
      name: 'voter',
      tableName: 'voter',
      columns: {
        id: serial,
        user_id: int(),
        election_id: int(),
        created_at: date(),
        updated_at: date(),
        salt: blob(),
        ballot_id: blob(),
        link_scheme: str(true, 64),
      },
      relations: { user: cascadeTo('user', 'user_id'), election: cascadeTo('election', 'election_id') },
      indices: [
        { name: 'ix_voter_election_id', columns: ['election_id'] },
        { name: 'voter_user_election_unique', columns: ['user_id', 'election_id'], unique: true },
      ],
    }),
    new EntitySchema<Row>({
      name: 'ballot',
      tableName: 'ballot',
      columns: {
        id: char(32, { primary: true }),
        election_id: int(),
        rank: int(),
        candidate: str(false),
        voter: str(false),
      },
      relations: { election: cascadeTo('election', 'election_id') },
      indices: [
        { name: 'ix_ballot_election_id', columns: ['election_id'] },
        { name: 'ballot_election_voter', columns: ['election_id', 'voter'] },
      ],
    }),
    new EntitySchema<Row>({
      name: 'request',
      tableName: 'request',
      columns: {
        id: serial,
        user_id: int(),
        election_id: int(),
        name: str(),
        email: str(),
        chat: str(),
        description: text(),
        comments: text(),
        reviewed: bool(),
        created_at: date(),
        updated_at: date(),
        decision: str(true, 16),
        decision_note: text(),
        decided_by: str(),
        decided_at: date(),
      },
      relations: { user: cascadeTo('user', 'user_id'), election: cascadeTo('election', 'election_id') },
      indices: fkIndexes('user_id', 'election_id'),
    }),
    new EntitySchema<Row>({ name: 'schema_version', tableName: 'schema_version', columns: { version: key(int()) } }),
    new EntitySchema<Row>({
      name: 'elekto_meta_sync',
      tableName: 'elekto_meta_sync',
      columns: { id: key(int()), revision: str(true, 64), synced_at: date() },
    }),
    new EntitySchema<Row>({
      name: 'passphrase_attempt',
      tableName: 'passphrase_attempt',
      columns: { id: serial, user_id: int(false), election_id: int(false), attempts: text(false) },
      relations: { user: cascadeTo('user', 'user_id'), election: cascadeTo('election', 'election_id') },
      ...merge(unique(['user_id', 'election_id']), { indices: fkIndexes('election_id') }),
    }),
    new EntitySchema<Row>({
      name: 'pending_ballot',
      tableName: 'pending_ballot',
      columns: { id: char(32, { primary: true }), election_id: int(false), payload: blob(false, 'mediumblob') },
      relations: { election: cascadeTo('election', 'election_id') },
      indices: [{ name: 'ix_pending_ballot_election_id', columns: ['election_id'] }],
    }),
    new EntitySchema<Row>({
      name: 'elekto_catalog_snapshot',
      tableName: 'elekto_catalog_snapshot',
      columns: { id: key(int()), ...savedCatalogColumns() },
    }),
    new EntitySchema<Row>({
      name: 'elekto_org_meta_sync',
      tableName: 'elekto_org_meta_sync',
      columns: { organization: key(str(false, 63)), revision: str(true, 64), synced_at: date() },
    }),
    new EntitySchema<Row>({
      name: 'elekto_org_catalog_snapshot',
      tableName: 'elekto_org_catalog_snapshot',
      columns: { organization: key(str(false, 63)), ...savedCatalogColumns() },
    }),
    new EntitySchema<Row>({
      name: 'webhook_delivery',
      tableName: 'webhook_delivery',
      columns: {
        id: key(str(false, 64)),
        // DATETIME(3) on MySQL: two deliveries in one second still order.
        received_at: { ...date(false), ...(dialect === 'mysql' ? { precision: 3 } : {}) },
      },
      indices: [{ name: 'ix_webhook_delivery_received_at', columns: ['received_at'] }],
    }),
    new EntitySchema<Row>({
      name: 'bulletin_freeze',
      tableName: 'bulletin_freeze',
      columns: {
        election_id: key(int()),
        digest: char(64, { nullable: false }),
        ballot_count: int(false),
        frozen_at: { ...date(false), ...(dialect === 'mysql' ? { precision: 3 } : {}) },
        bulletin: blob(false, 'longblob'),
      },
      relations: { election: cascadeTo('election', 'election_id') },
    }),
    new EntitySchema<Row>({
      name: 'ballot_tracker',
      tableName: 'ballot_tracker',
      columns: { ballot_id: key(str(false, 64)), election_id: int(false), tracker: str(false, 32) },
      relations: { election: cascadeTo('election', 'election_id') },
      indices: [{ name: 'ix_ballot_tracker_election_id', columns: ['election_id'] }],
    }),
  ];
}

function merge(
  a: { indices?: EntitySchemaIndexOptions[]; uniques?: Array<{ columns: string[] }> },
  b: { indices?: EntitySchemaIndexOptions[] },
): { indices: EntitySchemaIndexOptions[]; uniques: Array<{ columns: string[] }> } {
  return { indices: [...(a.indices ?? []), ...(b.indices ?? [])], uniques: a.uniques ?? [] };
}
