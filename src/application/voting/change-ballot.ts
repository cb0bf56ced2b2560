import type { RankEntry } from '../../domain/ballot/ranking.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { requireElection, requireRunning } from '../elections/election-access.js';
import type { BallotBox, SealedLink } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { AttemptLimit, PassphraseAttempts } from '../ports/passphrase-attempts.js';
import type { PassphraseStrength } from '../ports/passphrase-strength.js';
import type { Random } from '../ports/random.js';
import type { User } from '../ports/users.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { checkNewBallot } from './new-ballot-checks.js';
import { newBallotTracker } from './new-ballot-tracker.js';
import { OwnBallotLink } from './own-ballot-link.js';
import { DEFAULT_MIN_PASSPHRASE_LENGTH } from './passphrase-policy.js';
import { type OwnBallot, ViewBallot } from './view-ballot.js';

export interface ChangeBallotInput {
  readonly user: User;
  readonly electionKey: string;
  /** The new ranking; candidates left out are "No opinion". */
  readonly entries: readonly RankEntry[];
  /** The passphrase the ballot was cast (or last changed) with: it opens the old ballot. */
  readonly passphrase: string;
  /** Empty: keep the current passphrase. Otherwise the new ballot opens with this one only. */
  readonly newPassphrase: string;
}

export interface ChangeBallotResult {
  readonly linked: true;
  /** The new ballot's tracker (`ballot_trackers: true`), to show the voter once; else null. */
  readonly tracker: string | null;
}

export interface CurrentBallotInput {
  readonly user: User;
  readonly electionKey: string;
  readonly passphrase: string;
}

export interface ChangeBallotOptions {
  readonly minPassphraseLength?: number;
  readonly attemptLimit?: AttemptLimit;
  /** Shared with CastBallot, ViewBallot and RevokeBallot: one request in flight per voter and election. */
  readonly gate?: BallotRequestGate;
}

/**
 * "Change my vote": the voter opens their ballot with their passphrase and a new one replaces it in
 * one BallotBox transaction, so there is never a moment without their ballot, and a failure leaves
 * the old one. The new ballot is checked and stored as a cast one is (dense ranks, the pending pool)
 * under a new random id and a new link; the old link no longer opens anything. A ballot cast without
 * a passphrase (an Elekto ballot without a link included) cannot be opened, so cannot be changed.
 */
export class ChangeBallot {
  private readonly minPassphraseLength: number;
  private readonly gate: BallotRequestGate;
  private readonly link: OwnBallotLink;
  private readonly view: ViewBallot;

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly sealer: BallotSealer,
    private readonly strength: PassphraseStrength,
    attempts: PassphraseAttempts,
    private readonly clock: Clock,
    private readonly random: Random,
    options: ChangeBallotOptions = {},
  ) {
    this.minPassphraseLength = options.minPassphraseLength ?? DEFAULT_MIN_PASSPHRASE_LENGTH;
    this.gate = options.gate ?? new BallotRequestGate();
    this.link = new OwnBallotLink(ballotBox, sealer, attempts, options.attemptLimit);
    this.view = new ViewBallot(catalog, ballotBox, sealer, attempts, clock, { attemptLimit: options.attemptLimit, gate: this.gate });
  }

  /** The ballot as it stands, to fill the form with: only while the election runs. */
  async current(input: CurrentBallotInput): Promise<OwnBallot> {
    requireRunning(requireElection(this.catalog, input.electionKey), this.clock.now(), 'changing your vote');
    return this.view.execute(input);
  }

  execute(input: ChangeBallotInput): Promise<ChangeBallotResult> {
    return this.gate.through(input.electionKey, input.user.id, () => this.change(input));
  }

  private async change({ user, electionKey, entries, passphrase, newPassphrase }: ChangeBallotInput): Promise<ChangeBallotResult> {
    const election = requireElection(this.catalog, electionKey);
    requireRunning(election, this.clock.now(), 'changing your vote');
    // Only a new passphrase is judged: the current one was accepted when the ballot was cast.
    const stored = await checkNewBallot(election, user, entries, newPassphrase, { strength: this.strength, minPassphraseLength: this.minPassphraseLength });
    const replacedBallotId = await this.link.open(election, user, passphrase);

    const ballotId = this.random.uuid();
    const link = await this.sealer.seal(newPassphrase === '' ? passphrase : newPassphrase, ballotId, String(user.id));
    // A new ballot, so a new tracker: the old one leaves with the old ballot, in the same transaction.
    const tracker = newBallotTracker(election, this.random);
    try {
      await this.ballotBox.replace({ electionKey, userId: user.id, ballotId, entries: stored, link, tracker, replacedBallotId });
    } catch (e) {
      if (!isDomainError(e, 'WRITE_FAILED') && !isDomainError(e, 'STORE_UNAVAILABLE')) throw e;
      await this.refuseUnlessReplaced(electionKey, user, link, e);
    }
    return { linked: true, tracker };
  }

  /**
   * After a failed replace the voter must hear the truth. It is one transaction: the mark holding
   * the new link (its salt is fresh and random) means the commit landed before the connection was
   * cut; otherwise the old ballot stands. When even that cannot be read, the outcome is unknown.
   */
  private async refuseUnlessReplaced(electionKey: string, user: User, link: SealedLink, failure: DomainError): Promise<void> {
    let replaced: boolean;
    try {
      const salt = (await this.ballotBox.mark(electionKey, user.id))?.link?.salt;
      replaced = salt !== undefined && salt.length === link.salt.length && salt.every((b, i) => b === link.salt[i]);
    } catch {
      if (failure.code === 'STORE_UNAVAILABLE') throw failure;
      replaced = false;
    }
    if (replaced) return;
    throw new DomainError(
      'BALLOT_NOT_RECORDED',
      'Your vote was not changed: the database could not store the new ballot. Your earlier ballot stands; please try again in a moment.',
      { ...failure.details, electionKey, failure: failure.code },
    );
  }
}
