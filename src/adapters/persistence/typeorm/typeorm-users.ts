import { randomBytes } from 'node:crypto';
import type { User, Users } from '../../../application/ports/users.js';
import { normaliseLogin } from '../../../domain/identity/github-login.js';
import type { Sql, SqlDatabase } from './sql-database.js';
import { toSqlDate } from './sql-values.js';

interface UserRow {
  id: number;
  username: string;
  name: string | null;
  token: string | null;
}

// Our session tokens carry this prefix; anything else in `token` is a GitHub token Elekto stored in
// plaintext, which the first sign-in here overwrites.
const SESSION_TOKEN_PREFIX = 's1.';

/**
 * Elekto's `user` table. We never store the GitHub token (Elekto kept it in plaintext): `token`
 * holds our session token instead (see User.sessionToken), and a GitHub token left there by Elekto
 * is overwritten at the user's first sign-in. Logins match case-insensitively; the lowest id wins should an
 * old Elekto database hold two spellings of one login.
 */
export class TypeOrmUsers implements Users {
  constructor(private readonly db: SqlDatabase) {}

  async upsertFromSignIn(login: string, name: string | null): Promise<User> {
    const spelled = login.trim().replace(/^@+/, '');
    const now = toSqlDate(new Date());
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (sql) => {
          const found = await this.find(sql, login);
          if (found) {
            const sessionToken = found.token?.startsWith(SESSION_TOKEN_PREFIX) ? found.token : newSessionToken();
            await sql.exec(`UPDATE ${this.db.q('user')} SET username = ?, name = ?, token = ?, updated_at = ? WHERE id = ?`, [
              spelled,
              name,
              sessionToken,
              now,
              found.id,
            ]);
            return { id: Number(found.id), login: spelled, name, sessionToken };
          }
          const sessionToken = newSessionToken();
          const id = await sql.insertId(`INSERT INTO ${this.db.q('user')} (username, name, token, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, [
            spelled,
            name,
            sessionToken,
            now,
            now,
          ]);
          return { id, login: spelled, name, sessionToken };
        });
      } catch (e) {
        // Two first sign-ins of one login at once: the loser's insert hits UNIQUE(username); retry reads the winner.
        if (attempt < 2 && this.db.isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  async byId(id: number): Promise<User | null> {
    return this.db.run(async (sql) => {
      const rows = await sql.rows<UserRow>(`SELECT id, username, name, token FROM ${this.db.q('user')} WHERE id = ?`, [id]);
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
    const rows = await sql.rows<UserRow>(`SELECT id, username, name, token FROM ${this.db.q('user')} WHERE LOWER(username) = ? ORDER BY id`, [
      normaliseLogin(login),
    ]);
    return rows[0] ?? null;
  }

  async revokeSessions(id: number): Promise<void> {
    await this.db.run((sql) => sql.exec(`UPDATE ${this.db.q('user')} SET token = ? WHERE id = ?`, [newSessionToken(), id]));
  }
}

function toUser(row: UserRow): User {
  // A user Elekto left with a GitHub token (or none) has no session of ours yet: no cookie can match.
  const sessionToken = row.token?.startsWith(SESSION_TOKEN_PREFIX) ? row.token : undefined;
  return { id: Number(row.id), login: row.username, name: row.name, ...(sessionToken ? { sessionToken } : {}) };
}

function newSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}
