import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { createHttpApp, type HttpDeps } from '../../../src/adapters/http/create-http-app.js';
import type { HttpConfig } from '../../../src/adapters/http/http-config.js';
import { silentLogger } from '../../../src/adapters/http/http-logger.js';
import type { WebUseCases } from '../../../src/adapters/http/routes/web-use-cases.js';
import { DevelopmentSignIn } from '../../../src/adapters/http/sign-in/development-sign-in.js';
import type { SignInMethod } from '../../../src/adapters/http/sign-in/sign-in-method.js';
import { ListArchivedWithBallots } from '../../../src/application/elections/archived-elections.js';
import { Dashboard } from '../../../src/application/elections/dashboard.js';
import { ListElections } from '../../../src/application/elections/list-elections.js';
import { DecideExceptionRequest } from '../../../src/application/exceptions/decide-exception-request.js';
import { ExportExceptionDecisions } from '../../../src/application/exceptions/export-exception-decisions.js';
import { FileExceptionRequest } from '../../../src/application/exceptions/file-exception-request.js';
import { ListExceptionRequests, ShowExceptionRequest } from '../../../src/application/exceptions/list-exception-requests.js';
import { ReviewExceptionRequest } from '../../../src/application/exceptions/review-exception-request.js';
import { SignIn } from '../../../src/application/identity/sign-in.js';
import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { ElectionTurnout } from '../../../src/application/results/election-turnout.js';
import { ExportBallots } from '../../../src/application/results/export-ballots.js';
import { BallotLinksStatus } from '../../../src/application/results/ballot-links-status.js';
import { PurgeLinks } from '../../../src/application/results/purge-links.js';
import { CheckBulletin } from '../../../src/application/results/check-bulletin.js';
import { ClosingDigest } from '../../../src/application/results/closing-digest.js';
import { FreezeBulletin } from '../../../src/application/results/freeze-bulletin.js';
import { PublicBulletin } from '../../../src/application/results/public-bulletin.js';
import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { DEFAULT_LINK_PURGE_DELAY_HOURS } from '../../../src/domain/election/link-purge.js';
import { BallotRequestGate } from '../../../src/application/voting/ballot-request-gate.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { ChangeBallot } from '../../../src/application/voting/change-ballot.js';
import { RevokeBallot } from '../../../src/application/voting/revoke-ballot.js';
import { ViewBallot } from '../../../src/application/voting/view-ballot.js';
import { VoterStanding } from '../../../src/application/voting/voter-standing.js';
import type { Election } from '../../../src/domain/election/election.js';
import { inMemoryWorld } from '../builders/in-memory-world.js';
import type { WebWorld } from './web-worlds.js';

export const TEST_CONFIG: HttpConfig = {
  appName: 'test.elections',
  appKey: 'a-test-key-that-is-long-enough-0123456789',
  appEnv: 'testing',
  minPasscodeLength: 6,
  trustProxy: false,
  // Tests move the clock days ahead to close elections; sessions outliving that keep them about
  // elections. The 24-hour default and its expiry are tested on their own (session-attacks.test.ts).
  sessionLifetimeMs: 30 * 24 * 3600_000,
};

/** The use cases over one world (in memory or SQLite, see web-worlds.ts), as bootstrap wires the real ones. */
export function webUseCases(w: WebWorld, config: HttpConfig = TEST_CONFIG): WebUseCases {
  const computeResults = new ComputeResults(w.catalog, w.ballotBox, w.clock);
  const gate = new BallotRequestGate();
  const hasher = new JcsSha256BulletinHasher();
  const freeze = new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, hasher);
  return {
    listElections: new ListElections(w.catalog, w.clock),
    dashboard: new Dashboard(w.catalog, w.ballotBox, w.clock, w.exceptionRequests),
    voterStanding: new VoterStanding(w.catalog, w.ballotBox, w.exceptionRequests, w.clock, config.appKey),
    castBallot: new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random, { minPassphraseLength: config.minPasscodeLength, gate }),
    viewBallot: new ViewBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock, { gate }),
    revokeBallot: new RevokeBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock, { gate }),
    changeBallot: new ChangeBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.attempts, w.clock, w.random, {
      minPassphraseLength: config.minPasscodeLength,
      gate,
    }),
    fileExceptionRequest: new FileExceptionRequest(w.catalog, w.exceptionRequests, w.clock),
    listExceptionRequests: new ListExceptionRequests(w.catalog, w.exceptionRequests),
    showExceptionRequest: new ShowExceptionRequest(w.catalog, w.exceptionRequests),
    reviewExceptionRequest: new ReviewExceptionRequest(w.catalog, w.exceptionRequests),
    decideExceptionRequest: new DecideExceptionRequest(w.catalog, w.exceptionRequests, w.clock),
    exportExceptionDecisions: new ExportExceptionDecisions(w.catalog, w.exceptionRequests),
    computeResults,
    electionTurnout: new ElectionTurnout(w.catalog, w.ballotBox, w.clock),
    listArchivedWithBallots: new ListArchivedWithBallots(w.catalog, w.electionRecords, w.ballotBox),
    exportBallots: new ExportBallots(w.catalog, w.ballotBox, w.clock),
    ballotLinksStatus: new BallotLinksStatus(w.catalog, w.ballotBox, w.clock, { linkPurgeDelayHours: DEFAULT_LINK_PURGE_DELAY_HOURS }),
    purgeLinks: new PurgeLinks(w.catalog, w.ballotBox, w.clock),
    checkBulletin: new CheckBulletin(w.catalog, freeze, w.frozenBulletins, w.clock, hasher),
    publicBulletin: new PublicBulletin(w.catalog, w.ballotBox, w.clock, hasher),
    closingDigest: new ClosingDigest(w.catalog, w.frozenBulletins, w.clock),
  };
}

export interface RunningWeb {
  readonly world: WebWorld;
  /** The Koa app itself, for tests that walk its routers. */
  readonly app: Koa;
  readonly baseUrl: string;
  readonly server: Server;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly config?: Partial<HttpConfig>;
  /** Builds the sign-in methods once the base URL is known (GitHub needs it for redirect_uri). */
  readonly signInMethods?: (baseUrl: string, deps: { signIn: SignIn }) => SignInMethod[];
  readonly now?: Date;
  readonly world?: WebWorld;
  readonly extra?: Partial<HttpDeps>;
}

/** The whole web app over in-memory adapters, listening on 127.0.0.1 at a free port. */
export async function startWeb(elections: readonly Election[], options: StartOptions = {}): Promise<RunningWeb> {
  const world = options.world ?? inMemoryWorld(elections, options.now);
  const config = { ...TEST_CONFIG, ...options.config };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = new SignIn(world.users);
  const app = createHttpApp({
    config,
    logger: silentLogger,
    clock: world.clock,
    catalog: world.catalog,
    users: world.users,
    signInMethods: options.signInMethods?.(baseUrl, { signIn }) ?? [new DevelopmentSignIn(signIn, config.appEnv)],
    useCases: webUseCases(world, config),
    readiness: async () => ({ ready: true, checks: { database: { ok: true, detail: 'in memory' }, meta: { ok: true, detail: 'test' } } }),
    ...options.extra,
  });
  // Koa's handler settles its own errors (ctx.onerror): the promise it returns never rejects.
  const handle = app.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    world,
    app,
    baseUrl,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
