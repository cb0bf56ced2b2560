import { TRACKER_BYTES, trackerFromBytes } from '../../domain/ballot/ballot-tracker.js';
import type { RankEntry } from '../../domain/ballot/ranking.js';
import { isEligible } from '../../domain/election/election.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { requireElection, requireRunning } from '../elections/election-access.js';
import type { BallotBox, SealedLink } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { PassphraseStrength } from '../ports/passphrase-strength.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { Random } from '../ports/random.js';
import type { User } from '../ports/users.js';
import { ballotEntries } from './ballot-entries.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { DEFAULT_MIN_PASSPHRASE_LENGTH, checkPassphraseLength, checkPassphraseStrength, guessableWords } from './passphrase-policy.js';

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
  /** The ballot's tracker (elections with `ballot_trackers: true`), to show the voter once; else null. */
  readonly tracker: string | null;
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
    private readonly strength: PassphraseStrength,
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
    checkPassphraseLength(passphrase, this.minPassphraseLength);
    await checkPassphraseStrength(passphrase, this.strength, guessableWords(user, election));
    // A cheap early answer; the BallotBox constraint is what really stops a second ballot.
    if (await this.ballotBox.mark(electionKey, user.id)) throw alreadyVoted(electionKey);

    const ballotId = this.random.uuid();
    const link: SealedLink | null = passphrase === '' ? null : await this.sealer.seal(passphrase, ballotId, String(user.id));
    // A new tracker for every new ballot, stored with the ballot only (never with the voter mark).
    const tracker = election.ballotTrackers ? trackerFromBytes(this.random.bytes(TRACKER_BYTES)) : null;
    try {
      await this.ballotBox.cast({ electionKey, userId: user.id, ballotId, entries: stored, link, tracker });
    } catch (e) {
      if (!isDomainError(e, 'WRITE_FAILED') && !isDomainError(e, 'STORE_UNAVAILABLE')) throw e;
      await this.refuseUnlessStored(electionKey, user, e);
    }
    return { linked: link !== null, tracker };
  }

  /**
   * After a failed cast the voter must hear the truth. The mark and the ballot are one transaction:
   * a mark now means the commit landed before its connection was cut, and the vote stands. No mark
   * means nothing was kept. When even that cannot be read, the outcome is unknown and said to be so.
   */
  private async refuseUnlessStored(electionKey: string, user: User, failure: DomainError): Promise<void> {
    let stored: boolean;
    try {
      stored = (await this.ballotBox.mark(electionKey, user.id)) !== null;
    } catch {
      if (failure.code === 'STORE_UNAVAILABLE') throw failure;
      stored = false;
    }
    if (stored) return;
    throw new DomainError(
      'BALLOT_NOT_RECORDED',
      'Your ballot was not recorded: the database could not store it. Nothing was kept, so please try again in a moment.',
      {
        ...failure.details,
        electionKey,
        failure: failure.code,
      },
    );
  }
}

function alreadyVoted(electionKey: string): DomainError {
  return new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
    electionKey,
  });
}
