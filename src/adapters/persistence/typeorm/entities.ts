import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaRelationOptions } from 'typeorm';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read with SQL, not through these types
type Row = any;

/**
 * The TypeORM mapping of Elekto's schema v2 plus our additions (see migrations/ for the DDL, which
 * is the source of truth; `synchronize` is never used outside tests). Rows are plain records: the
 * domain types stay free of ORM decorators, and the adapters read and write these tables with SQL.
 */
export function entitySchemas(dialect: Dialect): EntitySchema[] {
  const date = (nullable = true): EntitySchemaColumnOptions => ({
    type: dialect === 'postgres' ? 'timestamp without time zone' : 'datetime',
    nullable,
  });
  const blob: EntitySchemaColumnOptions = { type: dialect === 'postgres' ? 'bytea' : 'blob', nullable: true };
  const str = (nullable = true, length = 255): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable });
  const int = (nullable = true): EntitySchemaColumnOptions => ({ type: 'integer', nullable });
  const pk: EntitySchemaColumnOptions = { type: 'integer', primary: true, generated: 'increment' };
  const cascadeTo = (target: string, column: string): EntitySchemaRelationOptions => ({
    type: 'many-to-one',
    target,
    joinColumn: { name: column },
    onDelete: 'CASCADE',
  });

  return [
    new EntitySchema<Row>({
      name: 'user',
      tableName: 'user',
      columns: {
        id: pk,
        username: { ...str(), unique: true },
        name: str(),
        token: str(),
        token_expires_at: date(),
        created_at: date(),
        updated_at: date(),
        github_id: { type: 'bigint', nullable: true, unique: true },
      },
    }),
    new EntitySchema<Row>({
      name: 'election',
      tableName: 'election',
      columns: {
        id: pk,
        key: { ...str(false), unique: true },
        name: str(),
        created_at: date(),
        updated_at: date(),
        archived: { type: 'boolean', default: false },
      },
    }),
    new EntitySchema<Row>({
      name: 'voter',
      tableName: 'voter',
      columns: {
        id: pk,
        user_id: int(),
        election_id: int(),
        created_at: date(),
        updated_at: date(),
        salt: blob,
        ballot_id: blob,
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
        id: { type: dialect === 'sqlite' ? 'character' : 'char', length: 32, primary: true },
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
        id: pk,
        user_id: int(),
        election_id: int(),
        name: str(),
        email: str(),
        chat: str(),
        description: { type: 'text', nullable: true },
        comments: { type: 'text', nullable: true },
        reviewed: { type: 'boolean', nullable: true },
        created_at: date(),
        updated_at: date(),
        decision: str(true, 16),
        decision_note: { type: 'text', nullable: true },
        decided_by: str(),
        decided_at: date(),
      },
      relations: { user: cascadeTo('user', 'user_id'), election: cascadeTo('election', 'election_id') },
    }),
    new EntitySchema<Row>({ name: 'schema_version', tableName: 'schema_version', columns: { version: { type: 'integer', primary: true } } }),
    new EntitySchema<Row>({
      name: 'elekto_meta_sync',
      tableName: 'elekto_meta_sync',
      columns: { id: { type: 'integer', primary: true }, revision: str(true, 64), synced_at: date() },
    }),
    new EntitySchema<Row>({
      name: 'passphrase_attempt',
      tableName: 'passphrase_attempt',
      columns: { id: pk, user_id: int(false), election_id: int(false), attempts: { type: 'text' } },
      relations: { user: cascadeTo('user', 'user_id'), election: cascadeTo('election', 'election_id') },
      uniques: [{ columns: ['user_id', 'election_id'] }],
    }),
  ];
}
