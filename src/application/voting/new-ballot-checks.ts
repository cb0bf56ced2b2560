import type { RankEntry } from '../../domain/ballot/ranking.js';
import { type Election, isEligible } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import type { PassphraseStrength } from '../ports/passphrase-strength.js';
import type { User } from '../ports/users.js';
import { ballotEntries } from './ballot-entries.js';
import { checkPassphraseLength, checkPassphraseStrength, guessableWords } from './passphrase-policy.js';

export interface NewBallotPolicy {
  readonly strength: PassphraseStrength;
  readonly minPassphraseLength: number;
}

/**
 * What casting a ballot and changing one both check before anything is stored: the voter is on the
 * roll, the ranking is valid for this election, and a passphrase given (empty: none) is long and
 * hard enough to guess. Returns the entries to store (one per candidate, dense ranks).
 */
export async function checkNewBallot(
  election: Election,
  user: User,
  entries: readonly RankEntry[],
  passphrase: string,
  policy: NewBallotPolicy,
): Promise<RankEntry[]> {
  if (!isEligible(election, user.login)) {
    throw new DomainError('VOTER_NOT_ELIGIBLE', `You are not on the voter roll of "${election.name}".`, { electionKey: election.key });
  }
  const stored = ballotEntries(election, entries);
  checkPassphraseLength(passphrase, policy.minPassphraseLength);
  await checkPassphraseStrength(passphrase, policy.strength, guessableWords(user, election));
  return stored;
}
