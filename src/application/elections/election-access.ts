import { type Election, electionStatus, isOfficer } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';

/** The election from the current catalog snapshot, or ELECTION_NOT_FOUND. */
export function requireElection(catalog: ElectionCatalog, electionKey: string): Election {
  const election = catalog.current().elections.get(electionKey);
  if (!election) {
    const named = looksLikeKey(electionKey) ? `"${electionKey}"` : 'with this key';
    throw new DomainError('ELECTION_NOT_FOUND', `There is no election ${named}.`, { electionKey });
  }
  return election;
}

/**
 * The key comes from the address, which anyone can write and send as a link: the 404 page repeats
 * it only when it is short and plain, never a sentence ("Your account is locked. Call …").
 */
function looksLikeKey(key: string): boolean {
  return key.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key);
}

/**
 * Officers of THIS election only (Elekto let any officer read any election's requests). A null
 * requester is the operator at the command line, who already holds the database and the config.
 */
export function requireOfficer(election: Election, requester: User | null): void {
  if (requester === null) return;
  if (!isOfficer(election, requester.login)) {
    throw new DomainError('NOT_AN_OFFICER', `Only the officers of "${election.name}" may do this.`, {
      electionKey: election.key,
    });
  }
}

export function requireCompleted(election: Election, now: Date): void {
  if (electionStatus(election, now) !== 'completed') {
    throw new DomainError('ELECTION_NOT_COMPLETED', `"${election.name}" is not completed yet; results come after it ends.`, {
      electionKey: election.key,
      endsAt: election.endsAt.toISOString(),
    });
  }
}

/** `what` names the action for the message, e.g. "voting". */
export function requireRunning(election: Election, now: Date, what: string): void {
  const status = electionStatus(election, now);
  if (status !== 'running') {
    throw new DomainError(
      'ELECTION_NOT_RUNNING',
      status === 'upcoming'
        ? `"${election.name}" has not started yet (it opens at ${election.startsAt.toISOString()}); ${what} is possible only while it runs.`
        : `"${election.name}" has ended; ${what} is possible only while it runs.`,
      { electionKey: election.key, status },
    );
  }
}
