import { DomainError } from '../../domain/errors.js';

/** Elekto's MIN_PASSCODE_LENGTH default. */
export const DEFAULT_MIN_PASSPHRASE_LENGTH = 6;

/** Length in characters (code points), as Python's len() counts them; whitespace counts, as in Elekto. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

/**
 * An empty passphrase is allowed and means "store no link at all"; a non-empty one must reach the
 * configured minimum.
 */
export function checkNewPassphrase(passphrase: string, minLength: number): void {
  const length = passphraseLength(passphrase);
  if (length > 0 && length < minLength) {
    throw new DomainError('PASSPHRASE_TOO_SHORT', `Please enter a passphrase of at least ${minLength} characters, or none.`, {
      minLength,
    });
  }
}
