/**
 * Build the application inside your own program, with your own adapters and without Koa or an
 * HTTP server. Nothing reads process.env or a .env file here: you pass the configuration values.
 *
 *   import { embedApplication } from 'elekto-ts/embed';   // or src/bootstrap/embed.ts
 *
 *   const app = await embedApplication({
 *     electionDir: 'elections',
 *     metaPath: '/srv/meta',
 *     appKey: myKey,
 *     ports: { ballotBox: new MyBallotBox(), users: new MyUsers() },   // any port may be replaced
 *   });
 *   await app.sync();                                   // read the meta repository into the catalog
 *   const castBallot = await app.useCase('castBallot');
 *   await castBallot.execute({ user, electionKey: '2025---steering', entries, passphrase });
 *   await app.close();
 *
 * Ports you do not replace get the adapters `serve` would choose for the same settings
 * (in-memory persistence unless `database` says otherwise).
 */
import type { SyncReport } from '../application/meta/sync-report.js';
import type { AppConfig, DatabaseConfig } from './config/app-config.js';
import { loadConfig } from './config/load-config.js';
import { type Logger } from './logger.js';
import { type Application, openApplication } from './open-application.js';
import { type PortOverrides, TOKENS, type Token } from './tokens.js';
import { USE_CASES } from './use-case-tokens.js';

export interface EmbedOptions {
  /** ELECTION_DIR. */
  electionDir: string;
  /** META_PATH: a directory, or the checkout of `metaRepo`. */
  metaPath: string;
  metaRepo?: string;
  metaBranch?: string;
  /** APP_KEY: keys the per-voter candidate order. */
  appKey?: string;
  minPasscodeLength?: number;
  /** Default: in memory. */
  database?: DatabaseConfig;
  ports?: PortOverrides;
  logger?: Logger;
}

export type UseCaseName = keyof typeof USE_CASES;
type UseCaseOf<K extends UseCaseName> = (typeof USE_CASES)[K] extends Token<infer U> ? U : never;

export interface EmbeddedApplication {
  readonly config: AppConfig;
  useCase<K extends UseCaseName>(name: K): Promise<UseCaseOf<K>>;
  /** Reads the meta repository (fetching it first when `fetch` and a repository is set). */
  sync(options?: { fetch?: boolean }): Promise<SyncReport>;
  get<T>(token: Token<T>): Promise<T>;
  close(): Promise<void>;
  readonly application: Application;
}

export async function embedApplication(options: EmbedOptions): Promise<EmbeddedApplication> {
  const env: Record<string, string> = {
    APP_ENV: 'embedded',
    IDENTITY: 'development',
    DB_CONNECTION: 'memory',
    ELECTION_DIR: options.electionDir,
    META_PATH: options.metaPath,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  if (options.metaRepo) env.META_REPO = options.metaRepo;
  if (options.metaBranch) env.META_BRANCH = options.metaBranch;
  if (options.appKey) env.APP_KEY = options.appKey;
  if (options.minPasscodeLength !== undefined) env.MIN_PASSCODE_LENGTH = String(options.minPasscodeLength);
  const base = loadConfig({ env, envFile: false, purpose: 'tool' });
  const config: AppConfig = options.database ? { ...base, database: options.database } : base;
  const application = await openApplication(config, { overrides: options.ports, logger: options.logger });
  return {
    config,
    application,
    get: (token) => application.get(token),
    useCase: (name) => application.get(USE_CASES[name] as Token<never>),
    sync: async ({ fetch = false } = {}) => (await application.get(TOKENS.SyncMeta)).execute({ fetch }),
    close: () => application.close(),
  };
}
