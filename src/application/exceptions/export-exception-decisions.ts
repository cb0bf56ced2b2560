import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequest, ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';

export interface ExceptionDecisionRecord {
  readonly id: number;
  readonly login: string;
  readonly name: string;
  readonly email: string;
  readonly chat: string;
  readonly description: string;
  readonly comments: string;
  readonly filedAt: string;
  readonly reviewed: boolean;
  readonly decision: 'granted' | 'declined' | null;
  readonly decisionNote: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
}

export interface ExceptionDecisionsExport {
  readonly electionKey: string;
  readonly electionName: string;
  readonly records: readonly ExceptionDecisionRecord[];
}

/**
 * Every request of the election with its decision: the record officers keep (Elekto kept none).
 * Written as CSV or JSON by adapters/shared/export/exception-decisions-format.ts.
 */
export class ExportExceptionDecisions {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly requests: ExceptionRequests,
  ) {}

  async execute({ user, electionKey }: { user: User | null; electionKey: string }): Promise<ExceptionDecisionsExport> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, user);
    const all = await this.requests.list(electionKey);
    const records = all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id).map(toRecord);
    return { electionKey, electionName: election.name, records };
  }
}

function toRecord(r: ExceptionRequest): ExceptionDecisionRecord {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    email: r.email,
    chat: r.chat,
    description: r.description,
    comments: r.comments,
    filedAt: r.createdAt.toISOString(),
    reviewed: r.reviewed,
    decision: r.decision,
    decisionNote: r.decisionNote,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}
