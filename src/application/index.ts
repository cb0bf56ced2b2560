/** Use cases and the ports they need; adapters implement the ports (see docs/architecture.md). */

// Ports
export type * from './ports/clock.js';
export type * from './ports/random.js';
export type * from './ports/election-catalog.js';
export type * from './ports/meta-source.js';
export type * from './ports/meta-reader.js';
export type * from './ports/election-records.js';
export type * from './ports/users.js';
// The port's ballot record shares its name with the CastBallot use case; embedders see it as BallotToCast.
export type { BallotBox, SealedLink, StoredBallot, VoterMark, ReplaceBallot, CastBallot as BallotToCast } from './ports/ballot-box.js';
export type * from './ports/ballot-sealer.js';
export type * from './ports/exception-requests.js';
export type * from './ports/identity.js';
export type * from './ports/passphrase-attempts.js';
export type * from './ports/passphrase-strength.js';
export type * from './ports/sync-lock.js';
export type * from './ports/last-good-catalog.js';

// Use cases
export { SignIn } from './identity/sign-in.js';
export { CurrentUser } from './identity/current-user.js';
export { ListElections } from './elections/list-elections.js';
export { Dashboard } from './elections/dashboard.js';
export { VoterStanding } from './voting/voter-standing.js';
export { CastBallot } from './voting/cast-ballot.js';
export { ViewBallot } from './voting/view-ballot.js';
export { RevokeBallot } from './voting/revoke-ballot.js';
export { ChangeBallot } from './voting/change-ballot.js';
/** Share one between CastBallot, ViewBallot and RevokeBallot: one request in flight per voter and election. */
export { BallotRequestGate } from './voting/ballot-request-gate.js';
export { FileExceptionRequest } from './exceptions/file-exception-request.js';
export { ListExceptionRequests, ShowExceptionRequest } from './exceptions/list-exception-requests.js';
export { ReviewExceptionRequest } from './exceptions/review-exception-request.js';
export { DecideExceptionRequest } from './exceptions/decide-exception-request.js';
export { ExportExceptionDecisions } from './exceptions/export-exception-decisions.js';
export { ComputeResults } from './results/compute-results.js';
export { ElectionTurnout } from './results/election-turnout.js';
export { ExportBallots } from './results/export-ballots.js';
export { PurgeLinks } from './results/purge-links.js';
export { PurgeDueLinks } from './results/purge-due-links.js';
export { BallotLinksStatus } from './results/ballot-links-status.js';
export { SettleClosedElections } from './results/settle-closed-elections.js';
export { SyncMeta } from './meta/sync-meta.js';
export { InProcessSyncLock } from './meta/in-process-sync-lock.js';
