import type { ExceptionDecision, ExceptionRequest, ExceptionRequests, NewExceptionRequest } from '../../../application/ports/exception-requests.js';
import type { Users } from '../../../application/ports/users.js';
import { DomainError } from '../../../domain/errors.js';

/**
 * Exception requests in memory. The requester's login comes from `users`, as the database adapters
 * join it from the user table. One request per (election, user), checked and written atomically.
 */
export class InMemoryExceptionRequests implements ExceptionRequests {
  private readonly rows = new Map<number, ExceptionRequest>();
  private nextId = 1;

  constructor(private readonly users: Users) {}

  async file(request: NewExceptionRequest, at: Date): Promise<ExceptionRequest> {
    const user = await this.users.byId(request.userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', `No user ${request.userId}.`, { userId: request.userId });
    // From here to the write there is no await, so the duplicate check cannot race.
    if (this.find(request.electionKey, request.userId)) {
      throw new DomainError('EXCEPTION_ALREADY_FILED', 'You have already requested an exception for this election.', {
        electionKey: request.electionKey,
      });
    }
    const row: ExceptionRequest = {
      ...request,
      id: this.nextId++,
      login: user.login,
      reviewed: false,
      decision: null,
      decisionNote: null,
      decidedBy: null,
      decidedAt: null,
      createdAt: new Date(at.getTime()),
    };
    this.rows.set(row.id, row);
    return copy(row);
  }

  async ofUser(electionKey: string, userId: number): Promise<ExceptionRequest | null> {
    const row = this.find(electionKey, userId);
    return row ? copy(row) : null;
  }

  async list(electionKey: string): Promise<ExceptionRequest[]> {
    return [...this.rows.values()].filter((r) => r.electionKey === electionKey).map(copy);
  }

  async byId(electionKey: string, id: number): Promise<ExceptionRequest | null> {
    const row = this.rows.get(id);
    return row && row.electionKey === electionKey ? copy(row) : null;
  }

  async setReviewed(electionKey: string, id: number, reviewed: boolean): Promise<ExceptionRequest> {
    return this.update(electionKey, id, { reviewed });
  }

  async decide(electionKey: string, id: number, d: { decision: ExceptionDecision; note: string; decidedBy: string; at: Date }): Promise<ExceptionRequest> {
    return this.update(electionKey, id, {
      decision: d.decision,
      decisionNote: d.note,
      decidedBy: d.decidedBy,
      decidedAt: new Date(d.at.getTime()),
    });
  }

  private find(electionKey: string, userId: number): ExceptionRequest | undefined {
    for (const r of this.rows.values()) if (r.electionKey === electionKey && r.userId === userId) return r;
    return undefined;
  }

  private update(electionKey: string, id: number, patch: Partial<ExceptionRequest>): ExceptionRequest {
    const row = this.rows.get(id);
    if (!row || row.electionKey !== electionKey) {
      throw new DomainError('EXCEPTION_NOT_FOUND', `There is no exception request ${id} in this election.`, { electionKey, id });
    }
    const next = { ...row, ...patch };
    this.rows.set(id, next);
    return copy(next);
  }
}

function copy(r: ExceptionRequest): ExceptionRequest {
  return {
    ...r,
    createdAt: new Date(r.createdAt.getTime()),
    decidedAt: r.decidedAt ? new Date(r.decidedAt.getTime()) : null,
  };
}
