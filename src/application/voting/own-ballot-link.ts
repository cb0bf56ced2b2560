import type { Election } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { AttemptLimit, PassphraseAttempts } from '../ports/passphrase-attempts.js';
import type { User } from '../ports/users.js';

export const DEFAULT_ATTEMPT_LIMIT: AttemptLimit = { maxAttempts: 5, windowMs: 15 * 60 * 1000 };

/**
 * Opens the voter's sealed link with their passphrase and returns the ballot id. Scoped to this
 * election (Elekto once leaked ballots across elections, #90). Every attempt is counted before the
 * key derivation; a wrong passphrase says nothing about the ballot.
 */
export class OwnBallotLink {
  constructor(
    private readonly ballotBox: BallotBox,
    private readonly sealer: BallotSealer,
    private readonly attempts: PassphraseAttempts,
    private readonly limit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT,
  ) {}

  async open(election: Election, user: User, passphrase: string): Promise<string> {
    const electionKey = election.key;
    const mark = await this.ballotBox.mark(electionKey, user.id);
    if (!mark) throw new DomainError('NOT_VOTED', 'You have not voted in this election.', { electionKey });
    if (!mark.hasLink || mark.link === null) {
      throw new DomainError(
        'NO_RECOVERABLE_LINK',
        'Your ballot cannot be opened: it was cast without a passphrase, or its link was destroyed after the election.',
        { electionKey },
      );
    }
    const key = { electionKey, userId: user.id };
    const verdict = await this.attempts.take(key, this.limit);
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      throw new DomainError(
        'TOO_MANY_ATTEMPTS',
        `Too many passphrase attempts. Please wait ${waitText(retryAfterSeconds)} and try again (after ${verdict.retryAt.toISOString().slice(11, 16)} UTC).`,
        { electionKey, retryAt: verdict.retryAt.toISOString(), retryAfterSeconds },
      );
    }
    const ballotId = passphrase === '' ? null : await this.sealer.open(passphrase, mark.link, String(user.id));
    if (ballotId === null) {
      throw new DomainError('WRONG_PASSPHRASE', 'That passphrase does not match the one used when voting.', { electionKey });
    }
    await this.attempts.forget(key);
    return ballotId;
  }
}

/** "40 seconds", "1 minute", "15 minutes": whole minutes rounded up once past a minute. */
function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
