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
  /** RFC 4180 text with a header row; see csvCell for the spreadsheet-formula guard. */
  readonly csv: string;
  /** Pretty-printed { election, name, requests: records }. */
  readonly json: string;
}

const COLUMNS: ReadonlyArray<keyof ExceptionDecisionRecord> = [
  'id', 'login', 'name', 'email', 'chat', 'description', 'comments', 'filedAt',
  'reviewed', 'decision', 'decisionNote', 'decidedBy', 'decidedAt',
];

/** Every request of the election with its decision: the record officers keep (Elekto kept none). */
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
    const lines = [COLUMNS.join(','), ...records.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
    return {
      electionKey,
      electionName: election.name,
      records,
      csv: `${lines.join('\r\n')}\r\n`,
      json: `${JSON.stringify({ election: electionKey, name: election.name, requests: records }, null, 2)}\n`,
    };
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

/**
 * One CSV cell. Text typed by requesters is opened by officers in spreadsheets, so a cell that
 * starts like a formula (= + - @, tab, CR) gets a leading apostrophe instead of being evaluated.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
