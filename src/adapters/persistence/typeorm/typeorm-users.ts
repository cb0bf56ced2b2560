import type { User, Users } from '../../../application/ports/users.js';
import { normaliseLogin } from '../../../domain/identity/github-login.js';
import type { Sql, SqlDatabase } from './sql-database.js';
import { toSqlDate } from './sql-values.js';

interface UserRow {
  id: number;
  username: string;
  name: string | null;
}

/**
 * Elekto's `user` table. We never store the GitHub token (Elekto kept it in plaintext): `token`
 * stays NULL for users we create. Logins match case-insensitively; the lowest id wins should an
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
            await sql.exec(`UPDATE ${this.db.q('user')} SET username = ?, name = ?, updated_at = ? WHERE id = ?`, [
              spelled,
              name,
              now,
              found.id,
            ]);
            return { id: Number(found.id), login: spelled, name };
          }
          const id = await sql.insertId(`INSERT INTO ${this.db.q('user')} (username, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, [
            spelled,
            name,
            now,
            now,
          ]);
          return { id, login: spelled, name };
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
      const rows = await sql.rows<UserRow>(`SELECT id, username, name FROM ${this.db.q('user')} WHERE id = ?`, [id]);
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
    const rows = await sql.rows<UserRow>(`SELECT id, username, name FROM ${this.db.q('user')} WHERE LOWER(username) = ? ORDER BY id`, [
      normaliseLogin(login),
    ]);
    return rows[0] ?? null;
  }
}

function toUser(row: UserRow): User {
  return { id: Number(row.id), login: row.username, name: row.name };
}
