import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { requireRequest } from './officer-requests.js';

export interface ReviewExceptionRequestInput {
  readonly user: User;
  readonly electionKey: string;
  readonly requestId: number;
  /** The new state; omitted = toggle, as Elekto's button does. An explicit value is safe against double clicks. */
  readonly reviewed?: boolean;
}

export class ReviewExceptionRequest {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
  ) {}

  async execute({ user, electionKey, requestId, reviewed }: ReviewExceptionRequestInput): Promise<ExceptionRequest> {
    requireOfficer(requireElection(this.catalog, electionKey), user);
    const current = await requireRequest(this.requests, electionKey, requestId);
    return this.requests.setReviewed(electionKey, requestId, reviewed ?? !current.reviewed);
  }
}
