/** The validated configuration every part of bootstrap reads; built once by `loadConfig()`. */
export type DatabaseConfig =
  | {
      readonly dialect: 'postgres' | 'mysql';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly username: string;
      readonly password: string;
      /** Full connection URL (holds the password: never log it). */
      readonly url: string;
      readonly poolSize: number;
      /** MySQL/MariaDB only: the server's Unix socket (DB_SOCKET or ?socketPath=); host and port are then unused. */
      readonly socketPath?: string;
    }
  | { readonly dialect: 'sqlite'; /** Absolute path of the database file. */ readonly path: string }
  | { readonly dialect: 'memory' };

export type MetaDriver = 'git' | 'nodegit' | 'directory';
export type IdentityProviderName = 'github' | 'development';
export type SealScheme = 'argon2id' | 'elekto';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  readonly app: {
    readonly name: string;
    readonly env: string;
    readonly production: boolean;
    readonly key: string;
    readonly debug: boolean;
    /** APP_URL without its trailing slash; null when unset (the callback URL then comes from the request). */
    readonly url: string | null;
    readonly host: string;
    readonly port: number;
    readonly connect: 'http' | 'socket';
    readonly minPasscodeLength: number;
    readonly trustProxy: boolean;
    /** SESSION_LIFETIME_HOURS, in milliseconds: a session ends this long after sign-in. */
    readonly sessionLifetimeMs: number;
  };
  readonly database: DatabaseConfig;
  readonly meta: {
    readonly driver: MetaDriver;
    readonly repo: string | null;
    readonly electionDir: string;
    readonly deployment: string;
    /** Absolute path of the local checkout (or of the directory read as is). */
    readonly path: string;
    readonly branch: string;
    readonly secret: string | null;
    readonly pollSeconds: number;
    /** ORGANIZATIONS_FILE as an absolute path; null: one organization (Elekto's deployment). */
    readonly organizationsFile: string | null;
  };
  readonly identity: {
    readonly provider: IdentityProviderName;
    /** ALLOW_REMOTE_DEVELOPMENT_SIGN_IN: serve the development sign-in on a non-loopback address. */
    readonly allowRemoteDevelopmentSignIn: boolean;
    readonly github: {
      readonly clientId: string | null;
      readonly clientSecret: string | null;
      /** Path of the OAuth callback route (Elekto's GITHUB_REDIRECT). */
      readonly redirectPath: string;
    };
  };
  readonly sealing: {
    readonly scheme: SealScheme;
    readonly opsLimit: number;
    readonly memoryMiB: number;
    readonly workers: number;
  };
  /** The pending ballot pool (docs/ballot-secrecy.md). */
  readonly ballots: { readonly batchSize: number; /** delete_after: hours after the close before the links go. */ readonly linkPurgeDelayHours: number };
  readonly log: { readonly level: LogLevel; readonly format: 'json' | 'text' };
  /** The Prometheus listener; `port` null: none. */
  readonly metrics: { readonly host: string; readonly port: number | null };
  /** True for `elekto serve --demo` (npm start). */
  readonly demo: boolean;
}

/** Start-up refused: every problem found, so the operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}
