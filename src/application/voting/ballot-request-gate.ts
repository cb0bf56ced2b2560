import { DomainError } from '../../domain/errors.js';

/**
 * At most one cast, view or revoke in flight per voter and election; the others are refused at once,
 * before any store or key derivation is touched. Each of those requests may spend a key derivation
 * (a worker for hundreds of milliseconds, tens of MiB): without this, one voter firing 200 at once
 * queued 200 derivations in front of everybody else. A person never needs two at a time; a second
 * one is a double click or a script.
 *
 * In this process only, on purpose: the derivation queue it protects is per process too. What must
 * hold across replicas (one ballot per voter, the passphrase-attempt limit) the database holds.
 */
export class BallotRequestGate {
  private readonly busy = new Set<string>();

  async through<T>(electionKey: string, userId: number, work: () => Promise<T>): Promise<T> {
    const id = `${userId}\u0000${electionKey}`;
    if (this.busy.has(id)) {
      throw new DomainError(
        'REQUEST_IN_PROGRESS',
        'Another request of yours for this ballot is still being handled. Wait a moment, then open the election page to see how it went.',
        { electionKey },
      );
    }
    this.busy.add(id);
    try {
      return await work();
    } finally {
      this.busy.delete(id);
    }
  }

  /** Requests in flight now (for tests and health). */
  get size(): number {
    return this.busy.size;
  }
}
