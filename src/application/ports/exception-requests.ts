export type ExceptionDecision = 'granted' | 'declined';

export interface NewExceptionRequest {
  readonly electionKey: string;
  readonly userId: number;
  readonly name: string;
  readonly email: string;
  readonly chat: string;
  readonly description: string;
  readonly comments: string;
}

export interface ExceptionRequest extends NewExceptionRequest {
  readonly id: number;
  readonly login: string;
  readonly reviewed: boolean;
  readonly decision: ExceptionDecision | null;
  readonly decisionNote: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

export interface ExceptionRequests {
  /** DomainError EXCEPTION_ALREADY_FILED when this user already filed one for this election. */
  file(request: NewExceptionRequest, at: Date): Promise<ExceptionRequest>;
  ofUser(electionKey: string, userId: number): Promise<ExceptionRequest | null>;
  list(electionKey: string): Promise<ExceptionRequest[]>;
  /** Scoped to the election: a request of another election is not found (Elekto leaked them). */
  byId(electionKey: string, id: number): Promise<ExceptionRequest | null>;
  setReviewed(electionKey: string, id: number, reviewed: boolean): Promise<ExceptionRequest>;
  decide(electionKey: string, id: number, decision: { decision: ExceptionDecision; note: string; decidedBy: string; at: Date }): Promise<ExceptionRequest>;
}
