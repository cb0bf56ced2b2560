import type { FileExceptionRequest } from '../../../application/exceptions/file-exception-request.js';
import type { DecideExceptionRequest } from '../../../application/exceptions/decide-exception-request.js';
import type { ExportExceptionDecisions } from '../../../application/exceptions/export-exception-decisions.js';
import type { ListExceptionRequests } from '../../../application/exceptions/list-exception-requests.js';
import type { ShowExceptionRequest } from '../../../application/exceptions/list-exception-requests.js';
import type { ReviewExceptionRequest } from '../../../application/exceptions/review-exception-request.js';
import type { CastBallot } from '../../../application/voting/cast-ballot.js';
import type { RevokeBallot } from '../../../application/voting/revoke-ballot.js';
import type { ChangeBallot } from '../../../application/voting/change-ballot.js';
import type { ViewBallot } from '../../../application/voting/view-ballot.js';
import type { VoterStanding } from '../../../application/voting/voter-standing.js';
import type { ListArchivedWithBallots } from '../../../application/elections/archived-elections.js';
import type { Dashboard } from '../../../application/elections/dashboard.js';
import type { ListElections } from '../../../application/elections/list-elections.js';
import type { ComputeResults } from '../../../application/results/compute-results.js';
import type { ElectionTurnout } from '../../../application/results/election-turnout.js';
import type { ExportBallots } from '../../../application/results/export-ballots.js';
import type { BallotLinksStatus } from '../../../application/results/ballot-links-status.js';
import type { PurgeLinks } from '../../../application/results/purge-links.js';
import type { CheckBulletin } from '../../../application/results/check-bulletin.js';
import type { ClosingDigest } from '../../../application/results/closing-digest.js';
import type { PublicBulletin } from '../../../application/results/public-bulletin.js';

export type UseCase<T extends { execute: (...args: never[]) => unknown }> = Pick<T, 'execute'>;

/** Every use case a signed-in page calls; bootstrap passes the real ones, tests in-memory-backed ones. */
export interface WebUseCases {
  readonly listElections: UseCase<ListElections>;
  readonly dashboard: UseCase<Dashboard>;
  readonly voterStanding: UseCase<VoterStanding>;
  readonly castBallot: UseCase<CastBallot>;
  readonly viewBallot: UseCase<ViewBallot>;
  readonly revokeBallot: UseCase<RevokeBallot>;
  /** `current` fills the form with the ballot as it stands; `execute` replaces it. */
  readonly changeBallot: Pick<ChangeBallot, 'execute' | 'current'>;
  readonly fileExceptionRequest: UseCase<FileExceptionRequest>;
  readonly listExceptionRequests: UseCase<ListExceptionRequests>;
  readonly showExceptionRequest: UseCase<ShowExceptionRequest>;
  readonly reviewExceptionRequest: UseCase<ReviewExceptionRequest>;
  readonly decideExceptionRequest: UseCase<DecideExceptionRequest>;
  readonly exportExceptionDecisions: UseCase<ExportExceptionDecisions>;
  readonly computeResults: UseCase<ComputeResults>;
  readonly electionTurnout: UseCase<ElectionTurnout>;
  readonly listArchivedWithBallots: UseCase<ListArchivedWithBallots>;
  readonly exportBallots: UseCase<ExportBallots>;
  readonly ballotLinksStatus: UseCase<BallotLinksStatus>;
  readonly purgeLinks: UseCase<PurgeLinks>;
  /** The officers' bulletin, compared with the one frozen at the close. */
  readonly checkBulletin: UseCase<CheckBulletin>;
  /** `publish_ballots: true`: the bulletin for anyone, after the close. */
  readonly publicBulletin: UseCase<PublicBulletin>;
  readonly closingDigest: UseCase<ClosingDigest>;
}
