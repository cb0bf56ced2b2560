import type {
  AttemptKey,
  AttemptLimit,
  AttemptVerdict,
  PassphraseAttempts,
} from '../../../application/ports/passphrase-attempts.js';

/**
 * Attempt times per (election, voter), pruned as they leave the window. Process-local: with several
 * web processes, each counts on its own, so the effective limit is multiplied by their number.
 */
export class InMemoryPassphraseAttempts implements PassphraseAttempts {
  private readonly times = new Map<string, number[]>();

  async take(key: AttemptKey, at: Date, limit: AttemptLimit): Promise<AttemptVerdict> {
    const id = `${key.userId}\u0000${key.electionKey}`;
    const now = at.getTime();
    const recent = (this.times.get(id) ?? []).filter((t) => t > now - limit.windowMs && t <= now);
    if (recent.length >= limit.maxAttempts) {
      this.times.set(id, recent);
      return { allowed: false, retryAt: new Date(Math.min(...recent) + limit.windowMs) };
    }
    recent.push(now);
    this.times.set(id, recent);
    return { allowed: true };
  }

  async forget(key: AttemptKey): Promise<void> {
    this.times.delete(`${key.userId}\u0000${key.electionKey}`);
  }
}
