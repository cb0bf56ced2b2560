/** Whose attempts are counted: one voter in one election. */
export interface AttemptKey {
  readonly electionKey: string;
  readonly userId: number;
}

export interface AttemptLimit {
  /** Attempts allowed in any window of `windowMs` (attempts are forgotten after a success). */
  readonly maxAttempts: number;
  readonly windowMs: number;
}

export type AttemptVerdict =
  | { readonly allowed: true }
  /** `retryAfterMs`: from now to `retryAt`, both by the store's clock (the caller's may differ). */
  | { readonly allowed: false; readonly retryAt: Date; readonly retryAfterMs: number };

/**
 * Counts passphrase attempts against a voter's own ballot link, so a stolen session cannot guess
 * at machine speed. An attempt is taken *before* the (slow) key derivation and forgotten after a
 * success, so concurrent guesses all count: a check-then-record scheme would let a burst through.
 *
 * The store, not the caller, says what time it is: the time is read while the voter's count is held
 * exclusively (a database's own clock for a shared store), so attempts are stamped in the order they
 * are counted, and replicas whose clocks disagree still share one exact limit.
 */
export interface PassphraseAttempts {
  /**
   * Atomically: when fewer than `limit.maxAttempts` attempts of this key were taken in the last
   * `windowMs` (by the store's clock), records one now and allows it; otherwise records nothing and
   * says when the oldest of them leaves the window.
   */
  take(key: AttemptKey, limit: AttemptLimit): Promise<AttemptVerdict>;
  /** The passphrase was right: forget this key's attempts. */
  forget(key: AttemptKey): Promise<void>;
}
