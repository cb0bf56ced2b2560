/** One token per use case; the use-case module binds them, `serve` and CLI commands resolve them. */
import type { Dashboard } from '../application/elections/dashboard.js';
import type { ListElections } from '../application/elections/list-elections.js';
import type { DecideExceptionRequest } from '../application/exceptions/decide-exception-request.js';
import type { ExportExceptionDecisions } from '../application/exceptions/export-exception-decisions.js';
import type { FileExceptionRequest } from '../application/exceptions/file-exception-request.js';
import type { ListExceptionRequests, ShowExceptionRequest } from '../application/exceptions/list-exception-requests.js';
import type { ReviewExceptionRequest } from '../application/exceptions/review-exception-request.js';
import type { CurrentUser } from '../application/identity/current-user.js';
import type { SignIn } from '../application/identity/sign-in.js';
import type { ComputeResults } from '../application/results/compute-results.js';
import type { ElectionTurnout } from '../application/results/election-turnout.js';
import type { ExportBallots } from '../application/results/export-ballots.js';
import type { SettleClosedElections } from '../application/results/settle-closed-elections.js';
import type { CheckBulletin } from '../application/results/check-bulletin.js';
import type { ClosingDigest } from '../application/results/closing-digest.js';
import type { FreezeBulletin } from '../application/results/freeze-bulletin.js';
import type { FreezeClosedElections } from '../application/results/freeze-closed-elections.js';
import type { PublicBulletin } from '../application/results/public-bulletin.js';
import type { BallotLinksStatus } from '../application/results/ballot-links-status.js';
import type { PurgeDueLinks } from '../application/results/purge-due-links.js';
import type { PurgeLinks } from '../application/results/purge-links.js';
import type { CastBallot } from '../application/voting/cast-ballot.js';
import type { RevokeBallot } from '../application/voting/revoke-ballot.js';
import type { ChangeBallot } from '../application/voting/change-ballot.js';
import type { ViewBallot } from '../application/voting/view-ballot.js';
import type { VoterStanding } from '../application/voting/voter-standing.js';
import type { ListArchivedWithBallots } from '../application/elections/archived-elections.js';
import type { Token } from './tokens.js';

function token<T>(name: string): Token<T> {
  return Symbol.for(`elekto.useCase.${name}`);
}

export const USE_CASES = {
  signIn: token<SignIn>('SignIn'),
  currentUser: token<CurrentUser>('CurrentUser'),
  listElections: token<ListElections>('ListElections'),
  dashboard: token<Dashboard>('Dashboard'),
  voterStanding: token<VoterStanding>('VoterStanding'),
  castBallot: token<CastBallot>('CastBallot'),
  viewBallot: token<ViewBallot>('ViewBallot'),
  revokeBallot: token<RevokeBallot>('RevokeBallot'),
  changeBallot: token<ChangeBallot>('ChangeBallot'),
  fileExceptionRequest: token<FileExceptionRequest>('FileExceptionRequest'),
  listExceptionRequests: token<ListExceptionRequests>('ListExceptionRequests'),
  showExceptionRequest: token<ShowExceptionRequest>('ShowExceptionRequest'),
  reviewExceptionRequest: token<ReviewExceptionRequest>('ReviewExceptionRequest'),
  decideExceptionRequest: token<DecideExceptionRequest>('DecideExceptionRequest'),
  exportExceptionDecisions: token<ExportExceptionDecisions>('ExportExceptionDecisions'),
  computeResults: token<ComputeResults>('ComputeResults'),
  electionTurnout: token<ElectionTurnout>('ElectionTurnout'),
  listArchivedWithBallots: token<ListArchivedWithBallots>('ListArchivedWithBallots'),
  exportBallots: token<ExportBallots>('ExportBallots'),
  purgeLinks: token<PurgeLinks>('PurgeLinks'),
  purgeDueLinks: token<PurgeDueLinks>('PurgeDueLinks'),
  ballotLinksStatus: token<BallotLinksStatus>('BallotLinksStatus'),
  settleClosedElections: token<SettleClosedElections>('SettleClosedElections'),
  freezeBulletin: token<FreezeBulletin>('FreezeBulletin'),
  freezeClosedElections: token<FreezeClosedElections>('FreezeClosedElections'),
  checkBulletin: token<CheckBulletin>('CheckBulletin'),
  publicBulletin: token<PublicBulletin>('PublicBulletin'),
  closingDigest: token<ClosingDigest>('ClosingDigest'),
} as const;
