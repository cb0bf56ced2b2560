import { createRequire } from 'node:module';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entitySchemas } from './entities.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations/index.js';

/** Where the database is; the same shape bootstrap's DatabaseConfig has for the SQL dialects. */
export type TypeOrmDatabaseConfig =
  | {
      readonly dialect: 'postgres' | 'mysql';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly username: string;
      readonly password: string;
      readonly url?: string;
      readonly poolSize?: number;
      /** MySQL/MariaDB: a Unix socket instead of host and port (an account 'user'@'localhost' needs it). */
      readonly socketPath?: string;
    }
  | { readonly dialect: 'sqlite'; readonly path: string };

export interface DataSourceExtras {
  readonly logging?: boolean;
  /** Open without applying pending migrations (the app refuses to start on a stale schema instead). */
  readonly skipMigrations?: boolean;
}

/**
 * One factory for the three drivers: `pg`, `mysql2` (MySQL and MariaDB) and `better-sqlite3`.
 * Dates go in and out as UTC text (see sql-values.ts), so no driver time-zone setting matters.
 */
export function createDataSource(config: TypeOrmDatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  const common = {
    entities: entitySchemas(config.dialect),
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: extras.logging ?? false,
  } as const;
  let options: DataSourceOptions;
  switch (config.dialect) {
    case 'postgres':
      // Date parameters as UTC wall-clock text, as mysql2 (timezone Z) and TypeORM's SQLite driver
      // send them: the naive TIMESTAMP columns hold UTC (Elekto wrote datetime.utcnow()).
      // Required, not imported: the same CommonJS instance TypeORM's driver requires, and no ESM
      // wrapper of pg racing the sync lock's import of it while the container resolves.
      (createRequire(import.meta.url)('pg') as { defaults: { parseInputDatesAsUTC: boolean } }).defaults.parseInputDatesAsUTC = true;
      options = {
        ...common,
        type: 'postgres',
        ...(config.url ? { url: config.url } : server(config)),
        poolSize: config.poolSize ?? 10,
      };
      break;
    case 'mysql':
      options = {
        ...common,
        type: 'mysql',
        ...(config.url && !config.socketPath ? { url: config.url } : server(config)),
        ...(config.socketPath ? { socketPath: config.socketPath } : {}),
        poolSize: config.poolSize ?? 10,
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: true,
      };
      break;
    case 'sqlite':
      options = {
        ...common,
        type: 'better-sqlite3',
        database: config.path,
        enableWAL: true,
        timeout: 5000,
      };
      break;
  }
  return new DataSource(options);
}

function server(c: { host: string; port: number; database: string; username: string; password: string }) {
  return { host: c.host, port: c.port, database: c.database, username: c.username, password: c.password };
}

/** Opens the data source and applies pending migrations; returns the names applied now. */
export async function openMigrated(config: TypeOrmDatabaseConfig, extras: DataSourceExtras = {}): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = createDataSource(config, extras);
  await dataSource.initialize();
  try {
    if (extras.skipMigrations) return { dataSource, applied: [] };
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, applied: applied.map((m) => m.name) };
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
}
