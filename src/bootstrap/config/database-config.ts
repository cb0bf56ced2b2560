import { isAbsolute, resolve } from 'node:path';
import type { DatabaseConfig } from './app-config.js';

type Env = Readonly<Record<string, string | undefined>>;

const DIALECTS: Record<string, DatabaseConfig['dialect']> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  memory: 'memory',
};

const DEFAULT_PORT = { postgres: 5432, mysql: 3306 } as const;

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Rebuilds a URL for a server database; user and password are percent-encoded. */
function serverUrl(dialect: 'postgres' | 'mysql', c: { host: string; port: number; database: string; username: string; password: string }): string {
  const auth = `${encodeURIComponent(c.username)}${c.password ? `:${encodeURIComponent(c.password)}` : ''}@`;
  const scheme = dialect === 'postgres' ? 'postgresql' : 'mysql';
  return `${scheme}://${auth}${c.host}:${c.port}/${encodeURIComponent(c.database)}`;
}

/** `DATABASE_URL` wins over the DB_* set. Problems are pushed to `problems`; the result is then unused. */
export function databaseConfig(env: Env, cwd: string, problems: string[]): DatabaseConfig {
  const poolSize = Number(env.DB_POOL_SIZE ?? 10);
  if (env.DATABASE_URL) return fromUrl(env.DATABASE_URL, cwd, poolSize, problems);

  const engine = env.DB_CONNECTION?.toLowerCase();
  if (!engine) {
    problems.push('DB_CONNECTION: missing (mysql, postgresql, sqlite or memory), or set DATABASE_URL instead');
    return { dialect: 'memory' };
  }
  const dialect = DIALECTS[engine] ?? 'memory';
  if (dialect === 'memory') return { dialect };
  if (dialect === 'sqlite') return { dialect, path: absolute(env.DB_PATH ?? '.data/elekto.sqlite', cwd) };
  if (!env.DB_DATABASE) problems.push(`DB_DATABASE: missing (needed for DB_CONNECTION=${engine})`);
  const c = {
    host: env.DB_HOST ?? 'localhost',
    port: env.DB_PORT ? Number(env.DB_PORT) : DEFAULT_PORT[dialect],
    database: env.DB_DATABASE ?? '',
    username: env.DB_USERNAME ?? 'root',
    password: env.DB_PASSWORD ?? '',
  };
  const socketPath = env.DB_SOCKET;
  if (socketPath && dialect !== 'mysql') problems.push(`DB_SOCKET: only mysql/mariadb connect through a Unix socket here (got DB_CONNECTION=${engine})`);
  return { dialect, ...c, url: serverUrl(dialect, c), poolSize, ...(socketPath && dialect === 'mysql' ? { socketPath: absolute(socketPath, cwd) } : {}) };
}

function fromUrl(raw: string, cwd: string, poolSize: number, problems: string[]): DatabaseConfig {
  const scheme = raw.slice(0, raw.indexOf(':')).toLowerCase();
  const dialect = DIALECTS[scheme];
  if (!dialect) return { dialect: 'memory' }; // the schema already reported the bad scheme
  if (dialect === 'memory') return { dialect };
  if (dialect === 'sqlite') {
    // sqlite:///abs/path (Elekto's form), sqlite://relative/path or sqlite:relative/path
    const path = raw.replace(/^sqlite:(\/\/)?/i, '');
    if (!path) problems.push('DATABASE_URL: a sqlite URL needs a file path, e.g. sqlite:///var/lib/elekto/elekto.db');
    return { dialect, path: absolute(path || '.data/elekto.sqlite', cwd) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('DATABASE_URL: not a valid URL (expected e.g. postgresql://user:pass@host:5432/db)');
    return { dialect: 'memory' };
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) problems.push('DATABASE_URL: the database name is missing (the path after the host)');
  const c = {
    host: url.hostname || 'localhost',
    port: url.port ? Number(url.port) : DEFAULT_PORT[dialect],
    database,
    username: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
  };
  // Keep the operator's URL (it may carry options such as ?sslmode=require), normalising the scheme.
  const normalised = raw.replace(/^[a-z]+:/i, dialect === 'postgres' ? 'postgresql:' : 'mysql:');
  const socketPath = url.searchParams.get('socketPath');
  if (socketPath === null) return { dialect, ...c, url: normalised, poolSize };
  if (dialect !== 'mysql' || !socketPath) {
    problems.push(
      'DATABASE_URL: ?socketPath= names the Unix socket of a mysql/mariadb server, e.g. mysql://user:pass@localhost/db?socketPath=/run/mysqld/mysqld.sock',
    );
    return { dialect: 'memory' };
  }
  // The drivers ignore URL options they do not know: the socket goes to them as an option instead.
  url.searchParams.delete('socketPath');
  return { dialect, ...c, url: url.toString().replace(/^[a-z]+:/i, 'mysql:'), poolSize, socketPath: absolute(socketPath, cwd) };
}

/** A description safe to log: no user, no password. */
export function describeDatabase(db: DatabaseConfig): string {
  switch (db.dialect) {
    case 'memory':
      return 'in-memory (nothing is kept after exit)';
    case 'sqlite':
      return `SQLite ${db.path}`;
    default:
      if (db.dialect === 'mysql' && db.socketPath) return `MySQL/MariaDB unix:${db.socketPath}/${db.database}`;
      return `${db.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} ${db.host}:${db.port}/${db.database}`;
  }
}
