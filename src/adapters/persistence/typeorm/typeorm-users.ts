import { randomBytes } from 'node:crypto';
import type { SignedInUser, User, Users } from '../../../application/ports/users.js';
import { normaliseLogin, tombstoneLogin } from '../../../domain/identity/github-login.js';
import { isUniqueViolation } from './database-errors.js';
import type { Sql, SqlDatabase } from './sql-database.js';
import { toSqlDate } from './sql-values.js';

interface UserRow {
  id: number;
  username: string;
  name: string | null;
  token: string | null;
  github_id: number | string | null;
}

// Our session tokens carry this prefix; anything else in `token` is a GitHub token Elekto stored in
// plaintext, which the first sign-in here overwrites.
const SESSION_TOKEN_PREFIX = 's1.';
const COLUMNS = 'id, username, name, token, github_id';

/**
 * Elekto's `user` table plus our `github_id` column. We never store the GitHub token (Elekto kept it
 * in plaintext): `token` holds our session token instead (see User.sessionToken), new at each
 * sign-in. Logins match case-insensitively; the lowest id wins should an old Elekto database hold two
 * spellings of one login. A row whose login was recycled by another GitHub account keeps its id and
 * ballots under a tombstone login (see Users.upsertFromSignIn).
 */
export class TypeOrmUsers implements Users {
  constructor(private readonly db: SqlDatabase) {}

  async upsertFromSignIn(login: string, name: string | null, githubId: number | null = null): Promise<SignedInUser> {
    const spelled = login.trim().replace(/^@+/, '');
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction((sql) => this.signIn(sql, spelled, name, githubId));
      } catch (e) {
        // Two first sign-ins of one login at once: the loser's insert hits UNIQUE(username); retry reads the winner.
        if (attempt < 2 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  private async signIn(sql: Sql, login: string, name: string | null, githubId: number | null): Promise<SignedInUser> {
    const now = toSqlDate(new Date());
    const holder = await this.find(sql, login);
    const owner = githubId === null ? null : await this.findByGithubId(sql, githubId);
    const keep = owner ?? (holder && (githubId === null || holder.github_id === null || Number(holder.github_id) === githubId) ? holder : null);
    let displaced: SignedInUser['displaced'];
    if (holder && Number(holder.id) !== (keep ? Number(keep.id) : null)) {
      // Moving aside also ends its sessions: whoever holds this login now must not keep the old cookie.
      await sql.exec(`UPDATE ${this.db.q('user')} SET username = ?, token = ?, updated_at = ? WHERE id = ?`, [
        tombstoneLogin(holder.username, Number(holder.id)),
        newSessionToken(),
        now,
        holder.id,
      ]);
      displaced = { id: Number(holder.id), githubId: holder.github_id === null ? null : Number(holder.github_id) };
    }
    const sessionToken = newSessionToken();
    let id: number;
    let storedId = githubId;
    if (keep) {
      id = Number(keep.id);
      storedId = githubId ?? (keep.github_id === null ? null : Number(keep.github_id));
      await sql.exec(`UPDATE ${this.db.q('user')} SET username = ?, name = ?, token = ?, github_id = ?, updated_at = ? WHERE id = ?`, [
        login,
        name,
        sessionToken,
        storedId,
        now,
        id,
      ]);
    } else {
      id = await sql.insertId(`INSERT INTO ${this.db.q('user')} (username, name, token, github_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, [
        login,
        name,
        sessionToken,
        githubId,
        now,
        now,
      ]);
    }
    return { id, login, name, sessionToken, githubId: storedId, ...(displaced ? { displaced } : {}) };
  }

  async byId(id: number): Promise<User | null> {
    return this.db.run(async (sql) => {
      const rows = await sql.rows<UserRow>(`SELECT ${COLUMNS} FROM ${this.db.q('user')} WHERE id = ?`, [id]);
      return rows[0] ? toUser(rows[0]) : null;
    });
  }

  async byLogin(login: string): Promise<User | null> {
    return this.db.run(async (sql) => {
      const row = await this.find(sql, login);
      return row ? toUser(row) : null;
    });
  }

  private async find(sql: Sql, login: string): Promise<UserRow | null> {
    const rows = await sql.rows<UserRow>(`SELECT ${COLUMNS} FROM ${this.db.q('user')} WHERE LOWER(username) = ? ORDER BY id`, [normaliseLogin(login)]);
    return rows[0] ?? null;
  }

  private async findByGithubId(sql: Sql, githubId: number): Promise<UserRow | null> {
    const rows = await sql.rows<UserRow>(`SELECT ${COLUMNS} FROM ${this.db.q('user')} WHERE github_id = ?`, [githubId]);
    return rows[0] ?? null;
  }

  async revokeSessions(id: number): Promise<void> {
    await this.db.run((sql) => sql.exec(`UPDATE ${this.db.q('user')} SET token = ? WHERE id = ?`, [newSessionToken(), id]));
  }
}

function toUser(row: UserRow): User {
  // A user Elekto left with a GitHub token (or none) has no session of ours yet: no cookie can match.
  const sessionToken = row.token?.startsWith(SESSION_TOKEN_PREFIX) ? row.token : undefined;
  return {
    id: Number(row.id),
    login: row.username,
    name: row.name,
    githubId: row.github_id === null ? null : Number(row.github_id),
    ...(sessionToken ? { sessionToken } : {}),
  };
}

function newSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}
