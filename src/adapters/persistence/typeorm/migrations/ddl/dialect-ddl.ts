/** The SQL that differs per dialect; each migration picks the set of the database it runs on. */
export interface DialectDdl {
  /** Elekto's schema v2 as SQLAlchemy's create_all leaves it, table by table (creation order). */
  readonly v2Tables: ReadonlyArray<{ readonly table: string; readonly create: readonly string[] }>;
  /** Elekto's v1 → v2 upgrade (Elekto only had it for PostgreSQL); runs after schema_version exists. */
  readonly upgradeV1: readonly string[];
  /** Our additions, which Elekto ignores: new nullable/defaulted columns, indexes, new tables. */
  readonly additions: readonly string[];
  readonly dropAdditions: readonly string[];
}
