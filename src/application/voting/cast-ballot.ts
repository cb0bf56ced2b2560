import type { RankEntry } from '../../domain/ballot/ranking.js';
import { isEligible } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import { requireElection, requireRunning } from '../elections/election-access.js';
import type { BallotBox, SealedLink } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { Random } from '../ports/random.js';
import type { User } from '../ports/users.js';
import { ballotEntries } from './ballot-entries.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { DEFAULT_MIN_PASSPHRASE_LENGTH, checkNewPassphrase } from './passphrase-policy.js';

export interface CastBallotInput {
  readonly user: User;
  readonly electionKey: string;
  /** The voter's ranks; candidates left out are "No opinion". */
  readonly entries: readonly RankEntry[];
  /** Empty = the voter chose not to be able to come back to this ballot. */
  readonly passphrase: string;
}

export interface CastBallotResult {
  /** False when no passphrase was given: the voter cannot view or revoke this ballot, ever. */
  readonly linked: boolean;
}

export interface CastBallotOptions {
  readonly minPassphraseLength?: number;
  /** Shared with ViewBallot and RevokeBallot, so one voter has one of them in flight per election. */
  readonly gate?: BallotRequestGate;
}

export class CastBallot {
  private readonly minPassphraseLength: number;
  private readonly gate: BallotRequestGate;

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly sealer: BallotSealer,
    private readonly clock: Clock,
    private readonly random: Random,
    options: CastBallotOptions = {},
  ) {
    this.minPassphraseLength = options.minPassphraseLength ?? DEFAULT_MIN_PASSPHRASE_LENGTH;
    this.gate = options.gate ?? new BallotRequestGate();
  }

  execute(input: CastBallotInput): Promise<CastBallotResult> {
    return this.gate.through(input.electionKey, input.user.id, () => this.cast(input));
  }

  private async cast({ user, electionKey, entries, passphrase }: CastBallotInput): Promise<CastBallotResult> {
    const election = requireElection(this.catalog, electionKey);
    requireRunning(election, this.clock.now(), 'voting');
    if (!isEligible(election, user.login)) {
      throw new DomainError('VOTER_NOT_ELIGIBLE', `You are not on the voter roll of "${election.name}".`, { electionKey });
    }
    const stored = ballotEntries(election, entries);
    checkNewPassphrase(passphrase, this.minPassphraseLength);
    // A cheap early answer; the BallotBox constraint is what really stops a second ballot.
    if (await this.ballotBox.mark(electionKey, user.id)) throw alreadyVoted(electionKey);

    const ballotId = this.random.uuid();
    const link: SealedLink | null = passphrase === '' ? null : await this.sealer.seal(passphrase, ballotId, String(user.id));
    await this.ballotBox.cast({ electionKey, userId: user.id, ballotId, entries: stored, link });
    return { linked: link !== null };
  }
}

function alreadyVoted(electionKey: string): DomainError {
  return new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
    electionKey,
  });
}
