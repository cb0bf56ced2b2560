import type {
  ExceptionDecision,
  ExceptionRequest,
  ExceptionRequests,
  NewExceptionRequest,
} from '../../../application/ports/exception-requests.js';
import { DomainError } from '../../../domain/errors.js';
import { requireElectionId } from './election-id.js';
import type { Sql, SqlDatabase } from './sql-database.js';
import { fromSqlBool, fromSqlDate, toSqlDate } from './sql-values.js';

interface RequestRow {
  id: number;
  election_key: string;
  user_id: number;
  login: string | null;
  name: string | null;
  email: string | null;
  chat: string | null;
  description: string | null;
  comments: string | null;
  reviewed: unknown;
  decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: unknown;
  created_at: unknown;
}

/** Elekto's `request` table plus the decision columns we add (an older Elekto ignores them). */
export class TypeOrmExceptionRequests implements ExceptionRequests {
  constructor(private readonly db: SqlDatabase) {}

  async file(request: NewExceptionRequest, at: Date): Promise<ExceptionRequest> {
    const { db } = this;
    const when = toSqlDate(at);
    const id = await db.transaction(async (sql) => {
      const electionId = await requireElectionId(db, sql, request.electionKey);
      const users = await sql.rows(`SELECT id FROM ${db.q('user')} WHERE id = ?`, [request.userId]);
      if (users.length === 0) throw new DomainError('USER_NOT_FOUND', `No user ${request.userId}.`, { userId: request.userId });
      // Lock the user's row so two concurrent filings by one user queue up behind each other.
      if (db.dialect !== 'sqlite') await sql.rows(`SELECT id FROM ${db.q('user')} WHERE id = ? FOR UPDATE`, [request.userId]);
      const existing = await sql.rows('SELECT id FROM request WHERE election_id = ? AND user_id = ?', [electionId, request.userId]);
      if (existing.length > 0) {
        throw new DomainError('EXCEPTION_ALREADY_FILED', 'You have already requested an exception for this election.', {
          electionKey: request.electionKey,
        });
      }
      return sql.insertId(
        'INSERT INTO request (user_id, election_id, name, email, chat, description, comments, reviewed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [request.userId, electionId, request.name, request.email, request.chat, request.description, request.comments, false, when, when],
      );
    });
    return (await this.load('r.id = ?', [id]))[0]!;
  }

  async ofUser(electionKey: string, userId: number): Promise<ExceptionRequest | null> {
    return (await this.load(`e.${this.db.q('key')} = ? AND r.user_id = ?`, [electionKey, userId]))[0] ?? null;
  }

  async list(electionKey: string): Promise<ExceptionRequest[]> {
    return this.load(`e.${this.db.q('key')} = ?`, [electionKey]);
  }

  async byId(electionKey: string, id: number): Promise<ExceptionRequest | null> {
    return (await this.load(`e.${this.db.q('key')} = ? AND r.id = ?`, [electionKey, id]))[0] ?? null;
  }

  async setReviewed(electionKey: string, id: number, reviewed: boolean): Promise<ExceptionRequest> {
    return this.update(electionKey, id, 'reviewed = ?', [reviewed]);
  }

  async decide(
    electionKey: string,
    id: number,
    d: { decision: ExceptionDecision; note: string; decidedBy: string; at: Date },
  ): Promise<ExceptionRequest> {
    return this.update(electionKey, id, 'decision = ?, decision_note = ?, decided_by = ?, decided_at = ?', [
      d.decision,
      d.note,
      d.decidedBy,
      toSqlDate(d.at),
    ]);
  }

  private async update(electionKey: string, id: number, set: string, params: unknown[]): Promise<ExceptionRequest> {
    const { db } = this;
    const changed = await db.run(async (sql) => {
      const electionId = await requireElectionId(db, sql, electionKey).catch(() => null);
      if (electionId === null) return 0;
      const rows = await sql.rows('SELECT id FROM request WHERE id = ? AND election_id = ?', [id, electionId]);
      if (rows.length === 0) return 0;
      await sql.exec(`UPDATE request SET ${set}, updated_at = ? WHERE id = ?`, [...params, toSqlDate(new Date()), id]);
      return 1;
    });
    const row = changed ? await this.byId(electionKey, id) : null;
    if (!row) throw new DomainError('EXCEPTION_NOT_FOUND', `There is no exception request ${id} in this election.`, { electionKey, id });
    return row;
  }

  private async load(where: string, params: unknown[]): Promise<ExceptionRequest[]> {
    const { db } = this;
    return db.run(async (sql: Sql) => {
      const rows = await sql.rows<RequestRow>(
        `SELECT r.id, e.${db.q('key')} AS election_key, r.user_id, u.username AS login, r.name, r.email, r.chat, r.description,
                r.comments, r.reviewed, r.decision, r.decision_note, r.decided_by, r.decided_at, r.created_at
           FROM request r JOIN election e ON e.id = r.election_id LEFT JOIN ${db.q('user')} u ON u.id = r.user_id
          WHERE ${where} ORDER BY r.id`,
        params,
      );
      return rows.map(toRequest);
    });
  }
}

function toRequest(r: RequestRow): ExceptionRequest {
  return {
    id: Number(r.id),
    electionKey: r.election_key,
    userId: Number(r.user_id),
    login: r.login ?? '',
    name: r.name ?? '',
    email: r.email ?? '',
    chat: r.chat ?? '',
    description: r.description ?? '',
    comments: r.comments ?? '',
    reviewed: fromSqlBool(r.reviewed),
    decision: r.decision === 'granted' || r.decision === 'declined' ? r.decision : null,
    decisionNote: r.decision_note,
    decidedBy: r.decided_by,
    decidedAt: fromSqlDate(r.decided_at),
    // Elekto let the database fill nothing here on some paths; the epoch beats a crash.
    createdAt: fromSqlDate(r.created_at) ?? new Date(0),
  };
}
