/**
 * One typed token per port (and per shared service). Only src/bootstrap uses them: adapters and use
 * cases receive plain constructor arguments.
 */
import type { BallotBox } from '../application/ports/ballot-box.js';
import type { BallotSealer } from '../application/ports/ballot-sealer.js';
import type { Clock } from '../application/ports/clock.js';
import type { ElectionCatalog } from '../application/ports/election-catalog.js';
import type { ElectionRecords } from '../application/ports/election-records.js';
import type { ExceptionRequests } from '../application/ports/exception-requests.js';
import type { LastGoodCatalog } from '../application/ports/last-good-catalog.js';
import type { SyncLock } from '../application/ports/sync-lock.js';
import type { SyncMeta } from '../application/meta/sync-meta.js';
import type Koa from 'koa';
import type { TypeOrmPersistence } from '../adapters/persistence/typeorm/index.js';
import type { SignInMethod } from '../adapters/http/sign-in/sign-in-method.js';
import type { ReadinessReport } from '../adapters/http/routes/public-routes.js';
import type { PassphraseAttempts } from '../application/ports/passphrase-attempts.js';
import type { PassphraseStrength } from '../application/ports/passphrase-strength.js';
import type { WebhookDeliveries } from '../application/ports/webhook-deliveries.js';
import type { FrozenBulletins } from '../application/ports/frozen-bulletins.js';
import type { BulletinHasher } from '../application/ports/bulletin-hasher.js';
import type { MetaReader } from '../application/ports/meta-reader.js';
import type { MetaSource } from '../application/ports/meta-source.js';
import type { Random } from '../application/ports/random.js';
import type { Users } from '../application/ports/users.js';
import type { AppConfig } from './config/app-config.js';
import type { Lifecycle } from './container/lifecycle.js';
import type { Logger } from './logger.js';
import type { Metrics } from '../adapters/shared/metrics.js';
import type { HostedOrganizations } from './organizations/hosted-organizations.js';

/** A symbol that remembers the type bound to it (inversify's ServiceIdentifier<T> forgets it for symbols). */
export type Token<T> = symbol & { readonly __bound?: T };

function token<T>(name: string): Token<T> {
  return Symbol.for(`elekto.${name}`);
}

export const TOKENS = {
  Config: token<AppConfig>('Config'),
  Logger: token<Logger>('Logger'),
  Lifecycle: token<Lifecycle>('Lifecycle'),
  // ports
  Clock: token<Clock>('Clock'),
  Random: token<Random>('Random'),
  ElectionCatalog: token<ElectionCatalog>('ElectionCatalog'),
  MetaSource: token<MetaSource>('MetaSource'),
  MetaReader: token<MetaReader>('MetaReader'),
  ElectionRecords: token<ElectionRecords>('ElectionRecords'),
  Users: token<Users>('Users'),
  BallotBox: token<BallotBox>('BallotBox'),
  BallotSealer: token<BallotSealer>('BallotSealer'),
  ExceptionRequests: token<ExceptionRequests>('ExceptionRequests'),
  PassphraseAttempts: token<PassphraseAttempts>('PassphraseAttempts'),
  PassphraseStrength: token<PassphraseStrength>('PassphraseStrength'),
  WebhookDeliveries: token<WebhookDeliveries>('WebhookDeliveries'),
  FrozenBulletins: token<FrozenBulletins>('FrozenBulletins'),
  BulletinHasher: token<BulletinHasher>('BulletinHasher'),
  SyncLock: token<SyncLock>('SyncLock'),
  LastGoodCatalog: token<LastGoodCatalog>('LastGoodCatalog'),
  // services
  /** The meta sync (one instance: it remembers the last good version of each election). */
  SyncMeta: token<SyncMeta>('SyncMeta'),
  /** The opened TypeORM data source and its adapters (SQL dialects only). */
  TypeOrm: token<TypeOrmPersistence>('TypeOrm'),
  /** GitHub OAuth or the development sign-in, as IDENTITY says. */
  SignInMethods: token<readonly SignInMethod[]>('SignInMethods'),
  /** Whether writes reach their commit (GET /ready's `writes`); always ok in memory. */
  WriteHealth: token<() => { ok: boolean; detail: string }>('WriteHealth'),
  /** Database reachable, meta synced: what GET /ready reports. */
  Readiness: token<() => Promise<ReadinessReport>>('Readiness'),
  /** Prometheus series when METRICS_PORT is set, else a sink that forgets. */
  Metrics: token<Metrics>('Metrics'),
  /** ORGANIZATIONS_FILE's organizations, each with its own services; none without the file. */
  Organizations: token<HostedOrganizations>('Organizations'),
  /** The Koa application (not yet listening). */
  HttpApp: token<Koa>('HttpApp'),
} as const;

/** The ports an embedder (or a test) may replace, by name. */
export const PORT_TOKENS = {
  clock: TOKENS.Clock,
  random: TOKENS.Random,
  electionCatalog: TOKENS.ElectionCatalog,
  metaSource: TOKENS.MetaSource,
  metaReader: TOKENS.MetaReader,
  electionRecords: TOKENS.ElectionRecords,
  users: TOKENS.Users,
  ballotBox: TOKENS.BallotBox,
  ballotSealer: TOKENS.BallotSealer,
  exceptionRequests: TOKENS.ExceptionRequests,
  passphraseAttempts: TOKENS.PassphraseAttempts,
  lastGoodCatalog: TOKENS.LastGoodCatalog,
  passphraseStrength: TOKENS.PassphraseStrength,
  webhookDeliveries: TOKENS.WebhookDeliveries,
  frozenBulletins: TOKENS.FrozenBulletins,
} as const;

export type TokenType<T> = T extends Token<infer U> ? U : never;
export type PortOverrides = { -readonly [K in keyof typeof PORT_TOKENS]?: TokenType<(typeof PORT_TOKENS)[K]> };
