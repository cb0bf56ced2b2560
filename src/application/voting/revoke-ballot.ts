import { DomainError } from '../../domain/errors.js';
import { requireElection, requireRunning } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { AttemptLimit, PassphraseAttempts } from '../ports/passphrase-attempts.js';
import type { User } from '../ports/users.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { OwnBallotLink } from './own-ballot-link.js';

export interface RevokeBallotInput {
  readonly user: User;
  readonly electionKey: string;
  readonly passphrase: string;
  /**
   * Whether the voter confirmed (after reading what revoking does). False refuses with
   * REVOKE_UNCONFIRMED before the passphrase is tried, so asking costs no attempt. Left out by
   * callers that decided already.
   */
  readonly confirmed?: boolean;
}

/**
 * Deletes the voter's ballot and their "has voted" mark together, so they may vote again. Only
 * while the election runs (Elekto allowed it after the end, which could change a published result).
 */
export class RevokeBallot {
  private readonly link: OwnBallotLink;
  private readonly gate: BallotRequestGate;

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    sealer: BallotSealer,
    attempts: PassphraseAttempts,
    private readonly clock: Clock,
    options: { attemptLimit?: AttemptLimit; gate?: BallotRequestGate } = {},
  ) {
    this.link = new OwnBallotLink(ballotBox, sealer, attempts, options.attemptLimit);
    this.gate = options.gate ?? new BallotRequestGate();
  }

  execute(input: RevokeBallotInput): Promise<void> {
    return this.gate.through(input.electionKey, input.user.id, () => this.revoke(input));
  }

  private async revoke({ user, electionKey, passphrase, confirmed }: RevokeBallotInput): Promise<void> {
    const election = requireElection(this.catalog, electionKey);
    requireRunning(election, this.clock.now(), 'revoking a ballot');
    if (confirmed === false) {
      throw new DomainError(
        'REVOKE_UNCONFIRMED',
        'Revoking deletes your ballot and the record that you voted: it no longer counts unless you vote again before the poll closes.',
        { electionKey },
      );
    }
    const ballotId = await this.link.open(election, user, passphrase);
    await this.ballotBox.revoke(electionKey, user.id, ballotId);
  }
}
