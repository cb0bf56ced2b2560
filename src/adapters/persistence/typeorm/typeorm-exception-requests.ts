import type { EntityManager } from 'typeorm';
import type { ExceptionDecision, ExceptionRequest, ExceptionRequests, NewExceptionRequest } from '../../../application/ports/exception-requests.js';
import { DomainError } from '../../../domain/errors.js';
import { requireElectionId } from './election-id.js';
import { handWrittenSql, selectRows } from './hand-written-sql.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBool, fromSqlDate } from './sql-values.js';

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

const REQUEST_COLUMNS = [
  'id',
  'user_id',
  'name',
  'email',
  'chat',
  'description',
  'comments',
  'reviewed',
  'decision',
  'decision_note',
  'decided_by',
  'decided_at',
  'created_at',
];

/**
 * The user's own request, asked on every signed-in election page: written by hand, its text built
 * once per dialect (the QueryBuilder rebuilt it, with its 15 selections, per request). The same
 * columns and joins as requestsWithNames. Figure: `node bench/run-all.js read-path`, signed-in page, 3 runs alternated with base d27a90d at load 8.5–11:
 * median 1197 req/s, 0.58 ms server CPU per request, against 975 req/s, 0.62 ms for the base and
 * 1.04–1.10 ms for the QueryBuilder version (docs/database.md, "What is still written by hand").
 */
const OF_USER_SQL = handWrittenSql(
  ({ param, name }) =>
    `SELECT e.${name('key')} AS election_key, u.username AS login, ${REQUEST_COLUMNS.map((c) => `r.${name(c)} AS ${c}`).join(', ')} ` +
    `FROM request r INNER JOIN election e ON e.id = r.election_id LEFT JOIN ${name('user')} u ON u.id = r.user_id ` +
    `WHERE e.${name('key')} = ${param(1)} AND r.user_id = ${param(2)} ORDER BY r.id LIMIT 1`,
);

/** Elekto's `request` table plus the decision columns we add (an older Elekto ignores them). */
export class TypeOrmExceptionRequests implements ExceptionRequests {
  constructor(private readonly db: SqlDatabase) {}

  async file(request: NewExceptionRequest, at: Date): Promise<ExceptionRequest> {
    const { db } = this;
    const id = await db.transaction(async ({ manager }) => {
      const electionId = await requireElectionId(manager, request.electionKey);
      const users = manager.createQueryBuilder().select('u.id', 'id').from('user', 'u').where('u.id = :id', { id: request.userId });
      if (!(await users.getRawOne())) throw new DomainError('USER_NOT_FOUND', `No user ${request.userId}.`, { userId: request.userId });
      // Lock the user's row so two concurrent filings by one user queue up behind each other.
      if (db.dialect !== 'sqlite') await users.setLock('pessimistic_write').getRawOne();
      const requests = manager.getRepository('request');
      if (await requests.exists({ where: { election_id: electionId, user_id: request.userId } })) {
        throw new DomainError('EXCEPTION_ALREADY_FILED', 'You have already requested an exception for this election.', {
          electionKey: request.electionKey,
        });
      }
      const { userId, name, email, chat, description, comments } = request;
      const inserted = await requests.insert({
        user_id: userId,
        election_id: electionId,
        name,
        email,
        chat,
        description,
        comments,
        reviewed: false,
        created_at: at,
        updated_at: at,
      });
      return Number(inserted.identifiers[0]?.['id']);
    });
    return (await this.load('r.id = :id', { id }))[0]!;
  }

  async ofUser(electionKey: string, userId: number): Promise<ExceptionRequest | null> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const [row] = await selectRows<RequestRow>(manager, OF_USER_SQL(db.dialect), [electionKey, userId]);
      return row ? toRequest(row) : null;
    });
  }

  async list(electionKey: string): Promise<ExceptionRequest[]> {
    return this.load('e.key = :electionKey', { electionKey });
  }

  async byId(electionKey: string, id: number): Promise<ExceptionRequest | null> {
    return (await this.load('e.key = :electionKey AND r.id = :id', { electionKey, id }))[0] ?? null;
  }

  async setReviewed(electionKey: string, id: number, reviewed: boolean): Promise<ExceptionRequest> {
    return this.update(electionKey, id, { reviewed });
  }

  async decide(electionKey: string, id: number, d: { decision: ExceptionDecision; note: string; decidedBy: string; at: Date }): Promise<ExceptionRequest> {
    return this.update(electionKey, id, { decision: d.decision, decision_note: d.note, decided_by: d.decidedBy, decided_at: d.at });
  }

  private async update(electionKey: string, id: number, set: Record<string, unknown>): Promise<ExceptionRequest> {
    const changed = await this.db.run(async ({ manager }) => {
      const electionId = await requireElectionId(manager, electionKey).catch(() => null);
      if (electionId === null) return 0;
      const requests = manager.getRepository('request');
      if (!(await requests.exists({ where: { id, election_id: electionId } }))) return 0;
      await requests.update({ id }, { ...set, updated_at: new Date() });
      return 1;
    });
    const row = changed ? await this.byId(electionKey, id) : null;
    if (!row) throw new DomainError('EXCEPTION_NOT_FOUND', `There is no exception request ${id} in this election.`, { electionKey, id });
    return row;
  }

  private async load(where: string, params: Record<string, unknown>): Promise<ExceptionRequest[]> {
    return this.db.run(async ({ manager }) => {
      const rows = await requestsWithNames(manager).where(where, params).orderBy('r.id').getRawMany<RequestRow>();
      return rows.map(toRequest);
    });
  }
}

/** Each request with its election's key and its user's login; columns keep their names. */
function requestsWithNames(manager: EntityManager) {
  const query = manager
    .createQueryBuilder()
    .from('request', 'r')
    .innerJoin('election', 'e', 'e.id = r.election_id')
    .leftJoin('user', 'u', 'u.id = r.user_id')
    .select('e.key', 'election_key')
    .addSelect('u.username', 'login');
  for (const column of REQUEST_COLUMNS) query.addSelect(`r.${column}`, column);
  return query;
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
