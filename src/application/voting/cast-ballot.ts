import type { RankEntry } from '../../domain/ballot/ranking.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { requireElection, requireRunning } from '../elections/election-access.js';
import type { BallotBox, SealedLink } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { PassphraseStrength } from '../ports/passphrase-strength.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { Random } from '../ports/random.js';
import type { User } from '../ports/users.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { checkNewBallot } from './new-ballot-checks.js';
import { newBallotTracker } from './new-ballot-tracker.js';
import { DEFAULT_MIN_PASSPHRASE_LENGTH } from './passphrase-policy.js';

export interface CastBallotInput {
  readonly user: User;
  readonly electionKey: string;
  /** The voter's ranks; candidates left out are "No opinion". */
  readonly entries: readonly RankEntry[];
  /** Empty = the voter chose not to be able to come back to this ballot. */
  readonly passphrase: string;
  /**
   * Whether the voter confirmed casting without a passphrase. A form passes what the voter said;
   * false with an empty passphrase refuses the ballot (NO_PASSPHRASE_UNCONFIRMED) once every other
   * check passed, so the question is asked of a ballot that would otherwise be cast. Left out by
   * callers that decided already (the CLI's demo ballots, an embedding application).
   */
  readonly confirmedWithoutPassphrase?: boolean;
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

  private async cast({ user, electionKey, entries, passphrase, confirmedWithoutPassphrase }: CastBallotInput): Promise<CastBallotResult> {
    const election = requireElection(this.catalog, electionKey);
    requireRunning(election, this.clock.now(), 'voting');
    const stored = await checkNewBallot(election, user, entries, passphrase, { strength: this.strength, minPassphraseLength: this.minPassphraseLength });
    // A cheap early answer; the BallotBox constraint is what really stops a second ballot.
    if (await this.ballotBox.mark(electionKey, user.id)) throw alreadyVoted(electionKey);
    if (passphrase === '' && confirmedWithoutPassphrase === false) throw noPassphraseUnconfirmed(electionKey);

    const ballotId = this.random.uuid();
    const link: SealedLink | null = passphrase === '' ? null : await this.sealer.seal(passphrase, ballotId, String(user.id));
    const tracker = newBallotTracker(election, this.random);
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

function noPassphraseUnconfirmed(electionKey: string): DomainError {
  return new DomainError(
    'NO_PASSPHRASE_UNCONFIRMED',
    'You gave no passphrase. Without one you cannot view, change or revoke this ballot later: nobody, not even you, can find it again.',
    { electionKey },
  );
}

function alreadyVoted(electionKey: string): DomainError {
  return new DomainError('ALREADY_VOTED', 'You have already voted in this election. Revoke that ballot first to vote again.', {
    electionKey,
  });
}
