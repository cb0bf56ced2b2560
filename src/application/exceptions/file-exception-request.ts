import { acceptsExceptionRequests, isEligible } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import { requireElection } from '../elections/election-access.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { type ExceptionForm, cleanExceptionForm } from './exception-form.js';

export interface FileExceptionRequestInput {
  readonly user: User;
  readonly electionKey: string;
  readonly form: Partial<ExceptionForm>;
}

/**
 * A user not on the voter roll asks the officers to be let in. Elekto's order of checks is kept:
 * the deadline first, then "already eligible" (so an eligible user after the deadline hears about
 * the deadline); the election's status is not considered, only `exception_due`.
 */
export class FileExceptionRequest {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
    private readonly clock: Clock,
  ) {}

  async execute({ user, electionKey, form }: FileExceptionRequestInput): Promise<ExceptionRequest> {
    const election = requireElection(this.catalog, electionKey);
    const now = this.clock.now();
    if (!acceptsExceptionRequests(election, now)) {
      throw new DomainError('EXCEPTION_WINDOW_CLOSED', `"${election.name}" no longer accepts exception requests.`, {
        electionKey,
        exceptionDueAt: election.exceptionDueAt.toISOString(),
      });
    }
    if (isEligible(election, user.login)) {
      throw new DomainError('ALREADY_ELIGIBLE', `You are already eligible to vote in "${election.name}".`, { electionKey });
    }
    if (await this.requests.ofUser(electionKey, user.id)) {
      throw new DomainError('EXCEPTION_ALREADY_FILED', 'You have already requested an exception for this election.', { electionKey });
    }
    const clean = cleanExceptionForm(form);
    return this.requests.file({ electionKey, userId: user.id, ...clean }, now);
  }
}
