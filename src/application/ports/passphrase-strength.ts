/** How hard a passphrase is to guess, as an estimator that knows what people pick sees it. */
export interface PassphraseEstimate {
  /**
   * log10 of the guesses an attacker who tries likely passphrases first (common passwords, words,
   * names, dates, keyboard runs, repeats, the page's own words) needs before this one.
   */
  readonly guessesLog10: number;
  /** Why it is guessable, in one sentence, when the estimator can tell; null otherwise. */
  readonly warning: string | null;
  /** How to make it stronger (may be empty). */
  readonly suggestions: readonly string[];
}

/**
 * Estimates the strength of a new ballot passphrase. The threat: anyone holding a copy of the
 * database (no APP_KEY needed) tests guesses offline against a voter's salt and sealed ballot link,
 * at the key-derivation cost per guess; a guessable passphrase gives them that voter's ballot.
 * `guessable` lists words the attacker knows anyway (the voter's login and name, the election's
 * key, name and organisation, the candidates): a passphrase made of them counts as guessed early.
 * Pure computation; async so an adapter may load its dictionaries lazily.
 */
export interface PassphraseStrength {
  estimate(passphrase: string, guessable: readonly string[]): Promise<PassphraseEstimate>;
}
