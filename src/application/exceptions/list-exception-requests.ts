import type { Election } from '../../domain/election/election.js';
import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { requireRequest } from './officer-requests.js';

export interface ExceptionRequestCounts {
  readonly total: number;
  readonly notReviewed: number;
  readonly granted: number;
  readonly declined: number;
}

export interface ExceptionRequestList {
  readonly election: Election;
  readonly requests: readonly ExceptionRequest[];
  readonly counts: ExceptionRequestCounts;
}

/** The officers' list of one election's requests, oldest first, with counts for the dashboard. */
export class ListExceptionRequests {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
  ) {}

  async execute({ user, electionKey }: { user: User; electionKey: string }): Promise<ExceptionRequestList> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, user);
    const requests = (await this.requests.list(electionKey)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    const counts: ExceptionRequestCounts = {
      total: requests.length,
      notReviewed: requests.filter((r) => !r.reviewed).length,
      granted: requests.filter((r) => r.decision === 'granted').length,
      declined: requests.filter((r) => r.decision === 'declined').length,
    };
    return { election, requests, counts };
  }
}

/** One request for the officers' review page. */
export class ShowExceptionRequest {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
  ) {}

  async execute({ user, electionKey, requestId }: { user: User; electionKey: string; requestId: number }): Promise<ExceptionRequest> {
    requireOfficer(requireElection(this.catalog, electionKey), user);
    return requireRequest(this.requests, electionKey, requestId);
  }
}
