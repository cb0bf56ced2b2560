import { DomainError } from '../errors.js';
import type { ElectionStatus } from './schedule.js';

/** Why a person may not vote in an election now; null when they may. */
export type VoteRefusal = 'ALREADY_VOTED' | 'NOT_STARTED' | 'ENDED' | 'NOT_ELIGIBLE';

/** Why a person may not file an exception request now; null when they may. */
export type ExceptionRefusal = 'WINDOW_CLOSED' | 'ALREADY_ELIGIBLE' | 'ALREADY_FILED';

export interface VoterFacts {
  readonly status: ElectionStatus;
  readonly eligible: boolean;
  readonly voted: boolean;
}

/** The one answer to "may this person vote now, and if not, why": a second ballot first, then time, then the roll. */
export function voteRefusal({ status, eligible, voted }: VoterFacts): VoteRefusal | null {
  if (voted) return 'ALREADY_VOTED';
  if (status === 'upcoming') return 'NOT_STARTED';
  if (status !== 'running') return 'ENDED';
  if (!eligible) return 'NOT_ELIGIBLE';
  return null;
}

/** Elekto's order: deadline first, then "already eligible", then "already requested". */
export function exceptionRefusal(f: { readonly exceptionOpen: boolean; readonly eligible: boolean; readonly filed: boolean }): ExceptionRefusal | null {
  if (!f.exceptionOpen) return 'WINDOW_CLOSED';
  if (f.eligible) return 'ALREADY_ELIGIBLE';
  if (f.filed) return 'ALREADY_FILED';
  return null;
}

/** A refusal as the error the adapters show (each code has its status in the HTTP error table). */
export function voteRefusalError(reason: VoteRefusal): DomainError {
  switch (reason) {
    case 'ALREADY_VOTED':
      return new DomainError('ALREADY_VOTED', 'You have already voted. To vote again, revoke your ballot on the election page first.');
    case 'NOT_STARTED':
      return new DomainError('ELECTION_NOT_RUNNING', 'Voting has not started yet.');
    case 'ENDED':
      return new DomainError('ELECTION_NOT_RUNNING', 'Voting has ended.');
    case 'NOT_ELIGIBLE':
      return new DomainError(
        'VOTER_NOT_ELIGIBLE',
        'You are not on the voter roll of this election. You can ask the officers for an exception from the election page.',
      );
  }
}

export function exceptionRefusalError(reason: ExceptionRefusal): DomainError {
  switch (reason) {
    case 'WINDOW_CLOSED':
      return new DomainError('EXCEPTION_WINDOW_CLOSED', 'This election no longer accepts exception requests.');
    case 'ALREADY_ELIGIBLE':
      return new DomainError('ALREADY_ELIGIBLE', 'You are already eligible to vote in this election.');
    case 'ALREADY_FILED':
      return new DomainError(
        'EXCEPTION_ALREADY_FILED',
        'You have already requested an exception for this election. The officers will review it; its state shows on the election page.',
      );
  }
}
