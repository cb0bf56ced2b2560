import { isAbsolute, resolve } from 'node:path';
import { type AppConfig, ConfigError, type LogLevel } from './app-config.js';
import { databaseConfig } from './database-config.js';
import { demoEnv } from './demo-config.js';
import { schemaProblems } from './env-schema.js';
import { type Env, readEnv } from './read-env.js';
import { BOOLEAN_TRUE, VARIABLES } from './variables.js';

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: Env;
  /** Dotenv file relative to cwd (default `.env`, or `.env.testing` when TESTING is set); false: none. */
  envFile?: string | false;
  cwd?: string;
  /** `elekto serve --demo`: SQLite under .data/, the bundled meta, development sign-in. */
  demo?: boolean;
  /**
   * `serve` (default) also applies the production refusals and needs sign-in credentials;
   * `tool` is for CLI commands that only reach the database and the meta repository.
   */
  purpose?: 'serve' | 'tool';
}

const DEFAULT_KEYS = new Set(['', 'test']);
// Every signing and sealing key is derived from APP_KEY: a short one can be guessed offline from a cookie.
const MIN_PRODUCTION_KEY_LENGTH = 32;

function bool(v: string | undefined, fallback: boolean): boolean {
  return v === undefined ? fallback : BOOLEAN_TRUE.has(v.toLowerCase());
}

function defaultOf(name: string): string {
  return VARIABLES.find((v) => v.name === name)?.default ?? '';
}

/** Reads, validates and shapes the configuration; throws one ConfigError naming every problem. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const read = readEnv({ env: options.env, envFile: options.demo ? false : options.envFile, cwd });
  const env: Env = options.demo ? demoEnv(read.env, cwd) : read.env;
  for (const v of VARIABLES) if (v.oneOf && env[v.name]) env[v.name] = env[v.name]!.toLowerCase();

  const problems = [...read.problems, ...schemaProblems(env)];
  const bad = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
  const get = (name: string): string => env[name] ?? defaultOf(name);
  const num = (name: string): number => (bad.has(name) ? Number(defaultOf(name)) : Number(get(name)));

  const purpose = options.purpose ?? 'serve';
  const appEnv = get('APP_ENV');
  const production = appEnv.toLowerCase() === 'production';
  const key = env.APP_KEY ?? '';
  const identity = (bad.has('IDENTITY') ? 'github' : get('IDENTITY')) as 'github' | 'development';

  const database = bad.has('DATABASE_URL') || bad.has('DB_CONNECTION') ? { dialect: 'memory' as const } : databaseConfig(env, cwd, problems);
  if (!env.ELECTION_DIR) problems.push('ELECTION_DIR: missing (the folder of the meta repository that holds the elections, e.g. elections)');
  const repo = env.META_REPO ?? null;
  const driver = (env.META_DRIVER ?? (repo ? 'git' : 'directory')) as AppConfig['meta']['driver'];
  if (driver !== 'directory' && !repo)
    problems.push(`META_REPO: missing (needed for META_DRIVER=${driver}; leave META_DRIVER unset to read META_PATH as a plain directory)`);

  if (purpose === 'serve') {
    if (identity === 'github') {
      if (!env.GITHUB_CLIENT_ID) problems.push('GITHUB_CLIENT_ID: missing (needed for IDENTITY=github; see docs/operator-guide.md)');
      if (!env.GITHUB_CLIENT_SECRET) problems.push('GITHUB_CLIENT_SECRET: missing (needed for IDENTITY=github)');
    }
    if (production) {
      if (DEFAULT_KEYS.has(key)) problems.push(`APP_KEY: ${key ? 'the default "test" is' : 'missing:'} refused in production; run \`elekto generate-key\``);
      else if (key.length < MIN_PRODUCTION_KEY_LENGTH) {
        problems.push(`APP_KEY: ${key.length} characters is too short for production (at least ${MIN_PRODUCTION_KEY_LENGTH}); run \`elekto generate-key\``);
      }
      if (!env.META_SECRET)
        problems.push('META_SECRET: missing: refused in production (the webhook would accept nobody); set the secret of the GitHub webhook');
      if (identity === 'development') problems.push('IDENTITY: the development sign-in is refused in production (APP_ENV=production); use IDENTITY=github');
    }
  }
  if (env.METRICS_PORT && !bad.has('METRICS_PORT') && num('METRICS_PORT') === num('APP_PORT')) {
    problems.push('METRICS_PORT: must differ from APP_PORT (metrics are never served on the public port)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const metaPath = get('META_PATH');
  const debug = bool(env.APP_DEBUG, false);
  return {
    app: {
      name: get('APP_NAME'),
      env: appEnv,
      production,
      key,
      debug,
      url: env.APP_URL && !bad.has('APP_URL') ? env.APP_URL.replace(/\/+$/, '') : null,
      host: get('APP_HOST'),
      port: num('APP_PORT'),
      connect: get('APP_CONNECT') as 'http' | 'socket',
      minPasscodeLength: num('MIN_PASSCODE_LENGTH'),
      trustProxy: bool(env.TRUST_PROXY, false),
      sessionLifetimeMs: num('SESSION_LIFETIME_HOURS') * 3600_000,
    },
    database,
    meta: {
      driver,
      repo,
      electionDir: env.ELECTION_DIR!,
      deployment: get('META_DEPLOYMENT'),
      path: isAbsolute(metaPath) ? metaPath : resolve(cwd, metaPath),
      branch: get('META_BRANCH'),
      secret: env.META_SECRET ?? null,
      pollSeconds: num('SYNC_POLL_SECONDS'),
      organizationsFile: env.ORGANIZATIONS_FILE ? (isAbsolute(env.ORGANIZATIONS_FILE) ? env.ORGANIZATIONS_FILE : resolve(cwd, env.ORGANIZATIONS_FILE)) : null,
    },
    identity: {
      provider: identity,
      allowRemoteDevelopmentSignIn: bool(env.ALLOW_REMOTE_DEVELOPMENT_SIGN_IN, false),
      github: {
        clientId: env.GITHUB_CLIENT_ID ?? null,
        clientSecret: env.GITHUB_CLIENT_SECRET ?? null,
        redirectPath: get('GITHUB_REDIRECT'),
      },
    },
    sealing: {
      scheme: get('SEAL_SCHEME') as 'argon2id' | 'elekto',
      opsLimit: num('SEAL_OPS_LIMIT'),
      memoryMiB: num('SEAL_MEMORY_MIB'),
      workers: Math.max(1, num('SEAL_WORKERS')),
    },
    ballots: { batchSize: Math.max(1, num('BALLOT_BATCH_SIZE')), linkPurgeDelayHours: num('LINK_PURGE_DELAY_HOURS') },
    log: {
      level: (env.LOG_LEVEL ?? (debug ? 'debug' : 'info')) as LogLevel,
      format: (env.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json')) as 'json' | 'text',
    },
    metrics: { host: get('METRICS_HOST'), port: env.METRICS_PORT ? num('METRICS_PORT') : null },
    demo: options.demo ?? false,
  };
}
