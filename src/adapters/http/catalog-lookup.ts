import type { ElectionCatalog } from '../../application/ports/election-catalog.js';
import type { Candidate } from '../../domain/election/candidate.js';
import { type Election, findCandidate } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';

/** Read-only pages look elections up in the catalog snapshot directly; a miss is a 404. */
export function electionOr404(catalog: ElectionCatalog, key: string): Election {
  const election = catalog.current().elections.get(key);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND', 'There is no election with this key.', { electionKey: key });
  return election;
}

export function candidateOr404(election: Election, id: string): Candidate {
  const candidate = findCandidate(election, id);
  if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', 'There is no candidate with this id in this election.', { id });
  return candidate;
}
