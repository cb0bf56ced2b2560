import type { AttemptKey, AttemptLimit, AttemptVerdict, PassphraseAttempts } from '../../../application/ports/passphrase-attempts.js';
import type { ElectionKeyScope } from './election-key-scope.js';

/** Passphrase attempts are counted per voter and election; an election is one organization's. */
export class ScopedPassphraseAttempts implements PassphraseAttempts {
  constructor(
    private readonly inner: PassphraseAttempts,
    private readonly scope: ElectionKeyScope,
  ) {}

  take(key: AttemptKey, limit: AttemptLimit): Promise<AttemptVerdict> {
    return this.inner.take({ ...key, electionKey: this.scope.stored(key.electionKey) }, limit);
  }

  forget(key: AttemptKey): Promise<void> {
    return this.inner.forget({ ...key, electionKey: this.scope.stored(key.electionKey) });
  }
}
