import { DomainError } from '../../domain/errors.js';
import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { requireRequest } from './officer-requests.js';

export interface DecideExceptionRequestInput {
  readonly user: User;
  readonly electionKey: string;
  readonly requestId: number;
  /** As the officer sent it; anything but "granted" or "declined" is refused with a clear message. */
  readonly decision: string;
  /** Shown to the requester. */
  readonly note: string;
}

const MAX_NOTE = 2000;

/**
 * An officer grants or declines a request, with a note the requester reads on the election page.
 * A decision may be changed later; the latest one, its author and time are kept. Granting does not
 * edit voters.yaml: the officers still add the login to the roll in the meta repository.
 */
export class DecideExceptionRequest {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
    private readonly clock: Clock,
  ) {}

  async execute({ user, electionKey, requestId, decision, note }: DecideExceptionRequestInput): Promise<ExceptionRequest> {
    requireOfficer(requireElection(this.catalog, electionKey), user);
    if (decision !== 'granted' && decision !== 'declined') {
      throw new DomainError('INVALID_EXCEPTION_REQUEST', 'The decision must be "granted" or "declined".', { decision });
    }
    const text = note.trim();
    if ([...text].length > MAX_NOTE) {
      throw new DomainError('INVALID_EXCEPTION_REQUEST', `The note may be at most ${MAX_NOTE} characters.`, {
        fields: { note: `At most ${MAX_NOTE} characters.` },
      });
    }
    await requireRequest(this.requests, electionKey, requestId);
    const decided = await this.requests.decide(electionKey, requestId, {
      decision,
      note: text,
      decidedBy: user.login,
      at: this.clock.now(),
    });
    // A decided request has been reviewed, whatever the adapter's decide() does with the flag.
    return decided.reviewed ? decided : this.requests.setReviewed(electionKey, requestId, true);
  }
}
