/**
 * Errors the core raises. Each has a stable `code` so adapters (HTTP, CLI) can map it to a status or
 * an exit code without knowing the message wording. No HTTP notions here.
 */
export type DomainErrorCode =
  | 'ELECTION_NOT_FOUND'
  | 'ELECTION_NOT_RUNNING'
  | 'ELECTION_NOT_COMPLETED'
  | 'VOTER_NOT_ELIGIBLE'
  | 'ALREADY_VOTED'
  | 'NOT_VOTED'
  | 'INVALID_BALLOT'
  /** Two candidates share a rank on the ballot of an election whose method (STV) needs one per rank. */
  | 'TIED_RANKS'
  | 'WRONG_PASSPHRASE'
  | 'PASSPHRASE_TOO_SHORT'
  | 'PASSPHRASE_TOO_WEAK'
  /** A ballot without a passphrase can never be viewed, changed or revoked: the voter must say they accept that. */
  | 'NO_PASSPHRASE_UNCONFIRMED'
  /** Revoking deletes the ballot: asked once more before it happens. */
  | 'REVOKE_UNCONFIRMED'
  | 'NO_RECOVERABLE_LINK'
  | 'TOO_MANY_ATTEMPTS'
  | 'NOT_AN_OFFICER'
  | 'EXCEPTION_WINDOW_CLOSED'
  | 'ALREADY_ELIGIBLE'
  | 'EXCEPTION_ALREADY_FILED'
  | 'EXCEPTION_NOT_FOUND'
  | 'INVALID_EXCEPTION_REQUEST'
  | 'INVALID_TALLY_INPUT'
  | 'INVALID_LOGIN'
  | 'USER_NOT_FOUND'
  | 'CANDIDATE_NOT_FOUND'
  /** The election's bulletin is not public: not `publish_ballots: true`, or not closed yet. */
  | 'BULLETIN_NOT_PUBLISHED'
  | 'REQUEST_IN_PROGRESS'
  | 'SERVER_BUSY'
  | 'STORE_UNAVAILABLE'
  /** The database refused or could not finish a write (full disk, lock timeout, failed commit); nothing of it was kept. */
  | 'WRITE_FAILED'
  /** A cast that did not reach the database: the voter has not voted and may try again. */
  | 'BALLOT_NOT_RECORDED';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown, code?: DomainErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}
