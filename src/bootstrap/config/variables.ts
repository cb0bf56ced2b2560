/**
 * Every environment variable the application reads: Elekto's (spec §2, same names and meanings) and
 * ours. This table is the single source for validation, `.env.example` and the operator guide's
 * configuration table (a test keeps the three in step).
 */
export type VariableGroup = 'app' | 'database' | 'meta' | 'identity' | 'sealing' | 'log';

export interface VariableSpec {
  readonly name: string;
  readonly group: VariableGroup;
  /** What the operator reads in the docs and in error messages. */
  readonly description: string;
  /** Shown in docs; applied by load-config (not by the schema) so defaults can depend on other values. */
  readonly default?: string;
  /** Accepted values (case-insensitive), or a regular expression the value must match. */
  readonly oneOf?: readonly string[];
  readonly pattern?: string;
  /** Words for the error message when the value does not fit, e.g. "an integer between 1 and 65535". */
  readonly expect?: string;
  /** Never logged, never shown on a page. */
  readonly secret?: boolean;
  /** True for variables Elekto itself defined. */
  readonly elekto?: boolean;
}

const BOOL = ['y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'];
const INT = '^[0-9]+$';
const PORT = '^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: 'ENV_FILE',
    group: 'app',
    description:
      "The dotenv file to read instead of `.env` (or `.env.testing` when TESTING is set), relative to the working directory; `elekto --env-file <path> <command>` sets it. Read from the process environment only. The file is read with python-dotenv's rules, as Elekto read it.",
  },
  { name: 'APP_NAME', group: 'app', elekto: true, default: 'k8s.elections', description: 'Name shown in page titles, breadcrumbs and error pages.' },
  {
    name: 'APP_ENV',
    group: 'app',
    elekto: true,
    default: 'production',
    description:
      '`production` turns on the production refusals (default APP_KEY, missing META_SECRET, development sign-in). Anything else is a non-production environment.',
  },
  {
    name: 'APP_KEY',
    group: 'app',
    elekto: true,
    secret: true,
    description:
      "Secret that signs session cookies and CSRF tokens, seals the ballots waiting in the pending pool and peppers new ballot links (docs/ballot-secrecy.md). `elekto generate-key` writes one. Required in production, at least 32 characters; the empty value and Elekto's fallback `test` are refused there.",
  },
  {
    name: 'APP_DEBUG',
    group: 'app',
    elekto: true,
    default: 'false',
    oneOf: BOOL,
    expect: 'a boolean (true/false, yes/no, on/off, 1/0)',
    description: 'Debug mode: debug-level logs and templates reloaded from disk. Unlike Elekto it never skips the webhook signature check.',
  },
  {
    name: 'APP_URL',
    group: 'app',
    elekto: true,
    pattern: '^https?://',
    expect: 'an http:// or https:// URL',
    description:
      "Public base URL (scheme, host and port if any). Unset (Elekto's way), the GitHub callback URL is built from each request: its Host, or X-Forwarded-Proto/X-Forwarded-Host when TRUST_PROXY is on. Set, GitHub sends people back to APP_URL + GITHUB_REDIRECT, and an https:// URL makes every cookie Secure, with or without TRUST_PROXY. `serve` warns at start-up when APP_URL cannot be where people reach it.",
  },
  {
    name: 'APP_HOST',
    group: 'app',
    elekto: true,
    default: '127.0.0.1',
    description:
      'Address `elekto serve` listens on (`--host` overrides). Use 0.0.0.0 in a container. With IDENTITY=development only a loopback address is accepted (see ALLOW_REMOTE_DEVELOPMENT_SIGN_IN).',
  },
  {
    name: 'APP_PORT',
    group: 'app',
    elekto: true,
    default: '5000',
    pattern: PORT,
    expect: 'a port number between 1 and 65535',
    description: 'Port `elekto serve` listens on (`--port` overrides).',
  },
  {
    name: 'APP_CONNECT',
    group: 'app',
    elekto: true,
    default: 'http',
    oneOf: ['http', 'socket'],
    expect: 'http or socket',
    description:
      'Elekto chose uwsgi --http or --socket with it. We always serve HTTP; with `socket` start-up logs that nginx should use `proxy_pass` instead of `uwsgi_pass`, and where the sample is (deploy/nginx/elekto.conf).',
  },
  {
    name: 'MIN_PASSCODE_LENGTH',
    group: 'app',
    elekto: true,
    default: '6',
    pattern: '^0*([6-9]|[1-9][0-9]+)$',
    expect: 'a whole number of at least 6 (shorter passphrases are guessed offline)',
    description: 'Shortest ballot passphrase accepted; values below 6 are refused. A passphrase must also be hard to guess (docs/ballot-secrecy.md).',
  },
  {
    name: 'TRUST_PROXY',
    group: 'app',
    default: 'false',
    oneOf: BOOL,
    expect: 'a boolean',
    description: 'Trust X-Forwarded-* headers (set to true behind an ingress or load balancer).',
  },
  {
    name: 'SESSION_LIFETIME_HOURS',
    group: 'app',
    default: '24',
    pattern: '^[1-9][0-9]{0,3}$',
    expect: 'a whole number of hours from 1 to 9999',
    description:
      'How long a session lasts from sign-in. Using the site does not extend it; signing in again, anywhere, starts a new session and ends the previous one.',
  },
  {
    name: 'DATABASE_URL',
    group: 'database',
    secret: true,
    pattern: '^(postgres|postgresql|mysql|mariadb|sqlite|memory):',
    expect: 'a URL such as postgresql://user:pass@host:5432/db, mysql://user:pass@host:3306/db, sqlite:///absolute/path.db or memory:',
    description: 'The whole database connection in one URL; when set, the DB_* variables are ignored.',
  },
  {
    name: 'DB_CONNECTION',
    group: 'database',
    elekto: true,
    oneOf: ['mysql', 'mariadb', 'postgresql', 'postgres', 'sqlite', 'memory'],
    expect: 'one of mysql, postgresql, sqlite, memory',
    description:
      'Database engine: mysql (also MariaDB), postgresql, sqlite, or memory (nothing kept after exit; demos and tests). Required unless DATABASE_URL is set.',
  },
  {
    name: 'DB_HOST',
    group: 'database',
    elekto: true,
    default: 'localhost',
    description:
      'Database server host (mysql, postgresql). `localhost` is a TCP connection to 127.0.0.1 here, where Elekto (mysqlclient) used the MySQL/MariaDB Unix socket: set DB_SOCKET to keep using the socket.',
  },
  {
    name: 'DB_SOCKET',
    group: 'database',
    description:
      "Unix socket of a MySQL/MariaDB server on this machine, e.g. /run/mysqld/mysqld.sock (mysql only). When set, DB_HOST and DB_PORT are not used; an account that exists only as 'user'@'localhost' needs it. In DATABASE_URL write ?socketPath=/run/mysqld/mysqld.sock.",
  },
  {
    name: 'DB_PORT',
    group: 'database',
    elekto: true,
    pattern: PORT,
    expect: 'a port number between 1 and 65535',
    description: 'Database server port. Default 3306 for mysql and 5432 for postgresql (Elekto defaulted to 3306 for both).',
  },
  { name: 'DB_DATABASE', group: 'database', elekto: true, description: 'Database name (mysql, postgresql). Required for those engines.' },
  { name: 'DB_USERNAME', group: 'database', elekto: true, default: 'root', description: 'Database user (mysql, postgresql).' },
  { name: 'DB_PASSWORD', group: 'database', elekto: true, secret: true, default: '', description: 'Database password (mysql, postgresql).' },
  {
    name: 'DB_PATH',
    group: 'database',
    elekto: true,
    default: '.data/elekto.sqlite',
    description: 'SQLite file (sqlite). Relative paths are taken from the working directory.',
  },
  {
    name: 'DB_POOL_SIZE',
    group: 'database',
    default: '10',
    pattern: INT,
    expect: 'a whole number',
    description: 'Largest number of open connections per process (mysql, postgresql).',
  },
  {
    name: 'BALLOT_BATCH_SIZE',
    group: 'database',
    default: '16',
    pattern: '^[1-9][0-9]{0,3}$',
    expect: 'a whole number from 1 to 9999',
    description:
      'Ballots wait, sealed, in a pending pool and move into the ballot table in shuffled batches of at least this many, so the database links a voter to a batch at most (docs/ballot-secrecy.md). The pool keeps this many mixed in until the election closes (`serve` then empties it).',
  },
  {
    name: 'LINK_PURGE_DELAY_HOURS',
    group: 'database',
    default: '24',
    pattern: '^[0-9]{1,5}$',
    expect: 'a whole number of hours from 0 to 99999',
    description:
      "With `delete_after: true`, a running `elekto serve` destroys the voters' ballot links this many hours after the election closes (until then voters can still view their ballot). Reading results never destroys them; officers can do it sooner from the results page, or the operator with `elekto purge-links`.",
  },
  {
    name: 'META_REPO',
    group: 'meta',
    elekto: true,
    description: 'Git URL (https or a local path) of the meta repository. When empty, META_PATH is read as a plain directory.',
  },
  {
    name: 'META_DRIVER',
    group: 'meta',
    oneOf: ['git', 'nodegit', 'directory'],
    expect: 'git, nodegit or directory',
    description:
      'How the meta repository is fetched: the git binary, nodegit (optional package) or a plain directory. Default: git when META_REPO is set, else directory.',
  },
  {
    name: 'ELECTION_DIR',
    group: 'meta',
    elekto: true,
    pattern: '^[^/].*[^/]$|^[^/]$',
    expect: 'a relative path without leading or trailing /',
    description: 'Folder inside the meta repository that holds the elections, e.g. `elections` or `events/elections`. Required.',
  },
  { name: 'META_DEPLOYMENT', group: 'meta', elekto: true, default: 'local', description: 'Reserved by Elekto; read and ignored.' },
  {
    name: 'META_PATH',
    group: 'meta',
    elekto: true,
    default: 'meta',
    description: 'Where the meta repository is checked out (or read, for directory). Relative to the working directory.',
  },
  {
    name: 'META_BRANCH',
    group: 'meta',
    elekto: true,
    default: 'main',
    description: 'Branch that is cloned and followed; webhook pushes to other branches are ignored.',
  },
  { name: 'META_SECRET', group: 'meta', elekto: true, secret: true, description: 'Shared secret of the GitHub webhook (HMAC-SHA256). Required in production.' },
  {
    name: 'ORGANIZATIONS_FILE',
    group: 'meta',
    description:
      'A YAML file listing the organizations this instance hosts, each from its own meta repository (docs/operator-guide.md, "Hosting many organizations"). Unset: one organization, as Elekto. Relative to the working directory; re-read on SIGHUP.',
  },
  {
    name: 'SYNC_POLL_SECONDS',
    group: 'meta',
    default: '10',
    pattern: INT,
    expect: 'a whole number of seconds',
    description: 'How often a replica checks the database for a meta revision synced by another replica (0 turns it off).',
  },
  {
    name: 'IDENTITY',
    group: 'identity',
    default: 'github',
    oneOf: ['github', 'development'],
    expect: 'github or development',
    description: 'Sign-in: GitHub OAuth, or the development sign-in (pick a login on a form; refused in production).',
  },
  {
    name: 'ALLOW_REMOTE_DEVELOPMENT_SIGN_IN',
    group: 'identity',
    default: 'false',
    oneOf: BOOL,
    expect: 'a boolean',
    description:
      '`elekto serve` refuses to offer the development sign-in (anyone becomes anyone, officers included) on an address other than loopback (127.0.0.1, ::1, localhost), e.g. APP_HOST=0.0.0.0, unless this is true. Never in production (the development sign-in is refused there anyway).',
  },
  {
    name: 'GITHUB_REDIRECT',
    group: 'identity',
    elekto: true,
    default: '/oauth/github/callback',
    pattern: '^/',
    expect: 'a path starting with /',
    description:
      "Path of the OAuth callback route; the GitHub OAuth app's callback URL is this path on the site's public URL (APP_URL, or the request's origin when APP_URL is unset).",
  },
  { name: 'GITHUB_CLIENT_ID', group: 'identity', elekto: true, description: 'Client ID of the GitHub OAuth app. Required when IDENTITY=github.' },
  {
    name: 'GITHUB_CLIENT_SECRET',
    group: 'identity',
    elekto: true,
    secret: true,
    description: 'Client secret of the GitHub OAuth app. Required when IDENTITY=github.',
  },
  {
    name: 'SEAL_SCHEME',
    group: 'sealing',
    default: 'argon2id',
    oneOf: ['argon2id', 'elekto'],
    expect: 'argon2id or elekto',
    description:
      "Key derivation for NEW ballot links: argon2id (memory-bounded, cheaper, peppered with APP_KEY) or elekto (Elekto's Argon2i, 8 passes, 512 MiB each, no pepper, so that Elekto can open them). Links of either scheme always open.",
  },
  { name: 'SEAL_OPS_LIMIT', group: 'sealing', default: '3', pattern: INT, expect: 'a whole number', description: 'Argon2id passes (argon2id scheme only).' },
  {
    name: 'SEAL_MEMORY_MIB',
    group: 'sealing',
    default: '64',
    pattern: INT,
    expect: 'a whole number of MiB',
    description: 'Argon2id memory per derivation in MiB (argon2id scheme only).',
  },
  {
    name: 'SEAL_WORKERS',
    group: 'sealing',
    default: '2',
    pattern: INT,
    expect: 'a whole number',
    description: 'Worker threads deriving keys; bounds CPU and memory under a burst of votes.',
  },
  {
    name: 'LOG_LEVEL',
    group: 'log',
    default: 'info',
    oneOf: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    expect: 'fatal, error, warn, info, debug, trace or silent',
    description: 'Least severe level written to the log.',
  },
  {
    name: 'LOG_FORMAT',
    group: 'log',
    oneOf: ['json', 'text'],
    expect: 'json or text',
    description: 'json (one object a line, for log collectors) or text (readable). Default: text on a terminal, json otherwise.',
  },
  {
    name: 'METRICS_PORT',
    group: 'log',
    pattern: PORT,
    expect: 'a port number between 1 and 65535',
    description: 'Port of the Prometheus metrics listener (GET /metrics), apart from the public port. Unset: no metrics listener.',
  },
  {
    name: 'METRICS_HOST',
    group: 'log',
    default: '127.0.0.1',
    description:
      'Address the metrics listener binds. In Kubernetes the pod IP (the Deployment sets it from status.podIP), so the scraper reaches it and the Service of the public port does not.',
  },
];

export const SECRET_VARIABLES: readonly string[] = VARIABLES.filter((v) => v.secret).map((v) => v.name);

export const BOOLEAN_TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
