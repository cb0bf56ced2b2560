import type { Candidate } from '../../domain/election/candidate.js';
import { type Election, acceptsExceptionRequests, electionStatus, isEligible, isOfficer } from '../../domain/election/election.js';
import { type ExceptionRefusal, type VoteRefusal, exceptionRefusal, voteRefusal } from '../../domain/election/permissions.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';
import { requireElection } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { candidateOrderKey, orderCandidatesForVoter } from './candidate-order.js';

export interface VoterStandingInput {
  readonly user: User;
  readonly electionKey: string;
}

/** Everything the election page needs to know about one user, with the actions open to them. */
export interface Standing {
  readonly election: Election;
  readonly status: ElectionStatus;
  readonly eligible: boolean;
  readonly voted: boolean;
  readonly isOfficer: boolean;
  /** Why this person may not vote now (domain/election/permissions.ts); null = they may. */
  readonly voteRefusal: VoteRefusal | null;
  /** voteRefusal === null: running, eligible, not voted yet. */
  readonly canVote: boolean;
  /** Voted with a passphrase and the link still exists; not before the start. */
  readonly canViewBallot: boolean;
  /** canViewBallot while the election runs. */
  readonly canRevoke: boolean;
  /** The exception deadline has not passed (Elekto's rule; status is not considered). */
  readonly exceptionOpen: boolean;
  /** Why this person may not file an exception request now; null = they may. */
  readonly exceptionRefusal: ExceptionRefusal | null;
  /** exceptionRefusal === null: exceptionOpen, not eligible, and no request filed yet. */
  readonly canRequestException: boolean;
  /** This user's request, with the officers' decision once there is one. */
  readonly exceptionRequest: ExceptionRequest | null;
  /** The election's candidates in this voter's own stable order (Elekto #3). */
  readonly candidates: readonly Candidate[];
}

export class VoterStanding {
  private readonly orderKey: Uint8Array;

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly exceptionRequests: ExceptionRequests,
    private readonly clock: Clock,
    /** A server secret (e.g. derived from APP_KEY) keying the per-voter candidate order. */
    candidateOrderSecret: string,
  ) {
    this.orderKey = candidateOrderKey(candidateOrderSecret);
  }

  async execute({ user, electionKey }: VoterStandingInput): Promise<Standing> {
    const election = requireElection(this.catalog, electionKey);
    const now = this.clock.now();
    const status = electionStatus(election, now);
    const [mark, exceptionRequest] = await Promise.all([this.ballotBox.mark(electionKey, user.id), this.exceptionRequests.ofUser(electionKey, user.id)]);
    const eligible = isEligible(election, user.login);
    const voted = mark !== null;
    const canViewBallot = voted && mark.hasLink && mark.link !== null && status !== 'upcoming';
    const exceptionOpen = acceptsExceptionRequests(election, now);
    const refusal = voteRefusal({ status, eligible, voted });
    const exceptionNo = exceptionRefusal({ exceptionOpen, eligible, filed: exceptionRequest !== null });
    return {
      election,
      status,
      eligible,
      voted,
      isOfficer: isOfficer(election, user.login),
      voteRefusal: refusal,
      canVote: refusal === null,
      canViewBallot,
      canRevoke: canViewBallot && status === 'running',
      exceptionOpen,
      exceptionRefusal: exceptionNo,
      canRequestException: exceptionNo === null,
      exceptionRequest,
      candidates: orderCandidatesForVoter(this.orderKey, user.login, electionKey, election.candidates),
    };
  }
}
