import type { PassphraseEstimate, PassphraseStrength } from '../../application/ports/passphrase-strength.js';

/**
 * A stand-in estimator for tests of the use cases: a passphrase listed as weak, or one that contains
 * a guessable word, needs 10^2 guesses; any other needs 10^12.
 */
export class FixedPassphraseStrength implements PassphraseStrength {
  private readonly weak: ReadonlySet<string>;

  constructor(weak: Iterable<string> = []) {
    this.weak = new Set(weak);
  }

  async estimate(passphrase: string, guessable: readonly string[]): Promise<PassphraseEstimate> {
    const lower = passphrase.toLowerCase();
    const personal = guessable.some((w) => lower.includes(w.toLowerCase()));
    if (this.weak.has(passphrase) || personal) {
      return { guessesLog10: 2, warning: personal ? 'It contains a word from this page.' : 'It is on the list of weak passphrases.', suggestions: [] };
    }
    return { guessesLog10: 12, warning: null, suggestions: [] };
  }
}
