import { DomainError } from '../../domain/errors.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';

/** The request with this id in THIS election (Elekto served any election's request by id). */
export async function requireRequest(requests: ExceptionRequests, electionKey: string, id: number): Promise<ExceptionRequest> {
  const found = Number.isSafeInteger(id) ? await requests.byId(electionKey, id) : null;
  if (!found) {
    throw new DomainError('EXCEPTION_NOT_FOUND', `There is no exception request ${id} in this election.`, { electionKey, id });
  }
  return found;
}
