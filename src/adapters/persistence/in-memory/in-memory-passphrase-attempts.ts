import type { Clock } from '../../../application/ports/clock.js';
import type { AttemptKey, AttemptLimit, AttemptVerdict, PassphraseAttempts } from '../../../application/ports/passphrase-attempts.js';

/**
 * Attempt times per (election, voter), pruned as they leave the window. Process-local: with several
 * web processes, each counts on its own, so the effective limit is multiplied by their number.
 * `take` reads the clock and records without awaiting anything, so concurrent calls cannot interleave.
 */
export class InMemoryPassphraseAttempts implements PassphraseAttempts {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  async take(key: AttemptKey, limit: AttemptLimit): Promise<AttemptVerdict> {
    const id = `${key.userId}\u0000${key.electionKey}`;
    const now = this.clock.now().getTime();
    // Times after `now` (a clock set back) still count: dropping them would hand out fresh attempts.
    const recent = (this.times.get(id) ?? []).filter((t) => t > now - limit.windowMs);
    if (recent.length >= limit.maxAttempts) {
      this.times.set(id, recent);
      const retryAt = Math.min(...recent) + limit.windowMs;
      return { allowed: false, retryAt: new Date(retryAt), retryAfterMs: Math.max(0, retryAt - now) };
    }
    recent.push(now);
    this.times.set(id, recent);
    return { allowed: true };
  }

  async forget(key: AttemptKey): Promise<void> {
    this.times.delete(`${key.userId}\u0000${key.electionKey}`);
  }
}
