import type { ExceptionDecision, ExceptionRequest, ExceptionRequests, NewExceptionRequest } from '../../../application/ports/exception-requests.js';
import type { ElectionKeyScope } from './election-key-scope.js';

/**
 * The shared exception requests, seen from one organization. Every lookup already names the election
 * (a request id of another election is not found), so mapping the key isolates organizations too.
 */
export class ScopedExceptionRequests implements ExceptionRequests {
  constructor(
    private readonly inner: ExceptionRequests,
    private readonly scope: ElectionKeyScope,
  ) {}

  async file(request: NewExceptionRequest, at: Date): Promise<ExceptionRequest> {
    return this.back(await this.inner.file({ ...request, electionKey: this.scope.stored(request.electionKey) }, at), request.electionKey);
  }

  async ofUser(electionKey: string, userId: number): Promise<ExceptionRequest | null> {
    return this.back(await this.inner.ofUser(this.scope.stored(electionKey), userId), electionKey);
  }

  async list(electionKey: string): Promise<ExceptionRequest[]> {
    return (await this.inner.list(this.scope.stored(electionKey))).map((r) => ({ ...r, electionKey }));
  }

  async byId(electionKey: string, id: number): Promise<ExceptionRequest | null> {
    return this.back(await this.inner.byId(this.scope.stored(electionKey), id), electionKey);
  }

  async setReviewed(electionKey: string, id: number, reviewed: boolean): Promise<ExceptionRequest> {
    return this.back(await this.inner.setReviewed(this.scope.stored(electionKey), id, reviewed), electionKey);
  }

  async decide(
    electionKey: string,
    id: number,
    decision: { decision: ExceptionDecision; note: string; decidedBy: string; at: Date },
  ): Promise<ExceptionRequest> {
    return this.back(await this.inner.decide(this.scope.stored(electionKey), id, decision), electionKey);
  }

  private back(request: ExceptionRequest, electionKey: string): ExceptionRequest;
  private back(request: ExceptionRequest | null, electionKey: string): ExceptionRequest | null;
  private back(request: ExceptionRequest | null, electionKey: string): ExceptionRequest | null {
    return request && { ...request, electionKey };
  }
}
