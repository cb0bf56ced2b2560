import type { Election } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import type { PassphraseStrength } from '../ports/passphrase-strength.js';
import type { User } from '../ports/users.js';

/** Elekto's MIN_PASSCODE_LENGTH default, and the lowest value start-up accepts. */
export const DEFAULT_MIN_PASSPHRASE_LENGTH = 6;

/**
 * A new passphrase must need at least 10^8 guesses (zxcvbn's score 3, "safely unguessable:
 * moderate protection from an offline slow-hash scenario"). At ~0.13 s a guess on one core with the
 * default Argon2id that is ~150 core-days for one voter's ballot; a passphrase of four random words
 * is far above it. docs/ballot-secrecy.md has the figures.
 */
export const MIN_GUESSES_LOG10 = 8;

/** Length in characters (code points), as Python's len() counts them; whitespace counts, as in Elekto. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

/**
 * An empty passphrase is allowed and means "store no link at all"; a non-empty one must reach the
 * configured minimum.
 */
export function checkPassphraseLength(passphrase: string, minLength: number): void {
  const length = passphraseLength(passphrase);
  if (length > 0 && length < minLength) {
    throw new DomainError('PASSPHRASE_TOO_SHORT', `Please enter a passphrase of at least ${minLength} characters, or none.`, {
      minLength,
    });
  }
}

/**
 * What anyone reading the ballot page (or the database) knows about this voter and election: whole
 * values and their words. A passphrase built from them is among the first an attacker tries.
 */
export function guessableWords(user: Pick<User, 'login' | 'name'>, election: Election): string[] {
  const values = [
    user.login,
    user.name ?? '',
    election.key,
    election.path,
    election.name,
    election.organization,
    ...election.candidates.flatMap((c) => [c.id, c.name]),
  ];
  const words = new Set<string>();
  for (const value of values) {
    const v = value.trim().toLowerCase();
    if (v.length < 3) continue;
    words.add(v);
    for (const part of v.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * The authoritative strength check (the ballot page runs the same estimator while the voter types,
 * but only this one counts). An empty passphrase is not checked: it stores no link to guess.
 */
export async function checkPassphraseStrength(passphrase: string, strength: PassphraseStrength, guessable: readonly string[]): Promise<void> {
  if (passphrase === '') return;
  const estimate = await strength.estimate(passphrase, guessable);
  if (estimate.guessesLog10 >= MIN_GUESSES_LOG10) return;
  const why = estimate.warning ? ` ${estimate.warning}` : '';
  throw new DomainError(
    'PASSPHRASE_TOO_WEAK',
    `This passphrase is too easy to guess.${why} Anyone holding a copy of the database could try likely passphrases until one opens your ballot. ` +
      'Use several words that do not belong together (four or five random words are easy to remember and hard to guess), ' +
      "not your login, the election's name or a candidate's. Or leave both fields empty: you then cannot view or change this ballot.",
    { guessesLog10: estimate.guessesLog10, minGuessesLog10: MIN_GUESSES_LOG10, suggestions: estimate.suggestions },
  );
}
