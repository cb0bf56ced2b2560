import { randomBytes } from 'node:crypto';
import { type EntityManager, IsNull, Raw, type Repository } from 'typeorm';
import type { SignedInUser, User, Users } from '../../../application/ports/users.js';
import { normaliseLogin, tombstoneLogin } from '../../../domain/identity/github-login.js';
import { isUniqueViolation } from './database-errors.js';
import { handWrittenSql, selectRows } from './hand-written-sql.js';
import type { UserRow } from './entities.js';
import type { SqlDatabase } from './sql-database.js';

type Found = Pick<UserRow, 'id' | 'name' | 'token' | 'github_id'> & { username: string };

// Our session tokens carry this prefix; anything else in `token` is a GitHub token Elekto stored in
// plaintext, which the first sign-in here overwrites.
const SESSION_TOKEN_PREFIX = 's1.';
const COLUMNS = { id: true, username: true, name: true, token: true, github_id: true } as const;

/**
 * The signed-in user, read on every request that carries a session: written by hand, its text built
 * once per dialect (Repository.findOne built a QueryBuilder each time). Figure: `node bench/run-all.js read-path`, signed-in page, 3 runs alternated with base d27a90d at load 8.5–11:
 * median 1197 req/s, 0.58 ms server CPU per request, against 975 req/s, 0.62 ms for the base and
 * 1.04–1.10 ms for the QueryBuilder version (docs/database.md, "What is still written by hand").
 */
const BY_ID_SQL = handWrittenSql(({ param, name }) => `SELECT id, username, name, token, github_id FROM ${name('user')} WHERE id = ${param(1)}`);

/**
 * Elekto's `user` table plus our `github_id` and `login_normalised` columns. We never store the
 * GitHub token (Elekto kept it in plaintext): `token` holds our session token instead (see
 * User.sessionToken), new at each sign-in. Elekto's `username` and `name` stay as Elekto would write
 * them (it compares usernames exactly: a lower-cased `Alice` would be ineligible there): the login as
 * GitHub spells it, and a name never blanked by a sign-in that brings none. Logins match
 * case-insensitively through `login_normalised` (LOWER(username) for rows Elekto inserted since); the
 * lowest id wins should an old Elekto database hold two spellings of one login. A row whose login was
 * recycled by another GitHub account keeps its id and ballots under a tombstone login (see
 * Users.upsertFromSignIn).
 */
export class TypeOrmUsers implements Users {
  constructor(private readonly db: SqlDatabase) {}

  async upsertFromSignIn(login: string, name: string | null, githubId: number | null = null): Promise<SignedInUser> {
    const spelled = login.trim().replace(/^@+/, '');
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(({ manager }) => this.signIn(usersOf(manager), spelled, name, githubId));
      } catch (e) {
        // Two first sign-ins of one login at once: the loser's insert hits UNIQUE(username); retry reads the winner.
        if (attempt < 2 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  private async signIn(users: Repository<UserRow>, login: string, name: string | null, githubId: number | null): Promise<SignedInUser> {
    const now = new Date();
    const holder = await this.find(users, login);
    const owner = githubId === null ? null : await this.findByGithubId(users, githubId);
    const keep = owner ?? (holder && (githubId === null || holder.github_id === null || Number(holder.github_id) === githubId) ? holder : null);
    let displaced: SignedInUser['displaced'];
    if (holder && Number(holder.id) !== (keep ? Number(keep.id) : null)) {
      // Moving aside also ends its sessions: whoever holds this login now must not keep the old cookie.
      const tombstone = tombstoneLogin(holder.username, Number(holder.id));
      await users.update({ id: holder.id }, { username: tombstone, login_normalised: normaliseLogin(tombstone), token: newSessionToken(), updated_at: now });
      displaced = { id: Number(holder.id), githubId: holder.github_id === null ? null : Number(holder.github_id) };
    }
    const sessionToken = newSessionToken();
    let id: number;
    let storedId = githubId;
    let spelled = login;
    let storedName = name;
    if (keep) {
      id = Number(keep.id);
      storedId = githubId ?? (keep.github_id === null ? null : Number(keep.github_id));
      // Only GitHub's word changes the stored spelling: the development sign-in's typed `alice` must
      // not turn Elekto's `Alice` into a username Elekto no longer matches. A sign-in without a name
      // keeps the one stored (Elekto never blanked it).
      if (githubId === null) spelled = keep.username;
      storedName = name ?? keep.name;
      await users.update(
        { id },
        { username: spelled, login_normalised: normaliseLogin(spelled), name: storedName, token: sessionToken, github_id: storedId, updated_at: now },
      );
    } else {
      const inserted = await users.insert({
        username: login,
        login_normalised: normaliseLogin(login),
        name,
        token: sessionToken,
        github_id: githubId,
        created_at: now,
        updated_at: now,
      });
      id = Number(inserted.identifiers[0]?.['id']);
    }
    return { id, login: spelled, name: storedName, sessionToken, githubId: storedId, ...(displaced ? { displaced } : {}) };
  }

  async byId(id: number): Promise<User | null> {
    const { db } = this;
    return db.run(async ({ manager }) => {
      const [row] = await selectRows<Found>(manager, BY_ID_SQL(db.dialect), [id]);
      return row ? toUser(row) : null;
    });
  }

  async byLogin(login: string): Promise<User | null> {
    return this.db.run(async ({ manager }) => {
      const row = await this.find(usersOf(manager), login);
      return row ? toUser(row) : null;
    });
  }

  private async find(users: Repository<UserRow>, login: string): Promise<Found | null> {
    const key = normaliseLogin(login);
    const row = await users.findOne({
      select: COLUMNS,
      // Our column where we wrote it; rows Elekto inserted after our migration have it NULL.
      where: [{ login_normalised: key }, { login_normalised: IsNull(), username: Raw((column) => `LOWER(${column}) = :login`, { login: key }) }],
      order: { id: 'ASC' },
    });
    return row as Found | null;
  }

  private async findByGithubId(users: Repository<UserRow>, githubId: number): Promise<Found | null> {
    return (await users.findOne({ select: COLUMNS, where: { github_id: githubId } })) as Found | null;
  }

  async revokeSessions(id: number): Promise<void> {
    await this.db.run(({ manager }) => usersOf(manager).update({ id }, { token: newSessionToken() }));
  }
}

function usersOf(manager: EntityManager): Repository<UserRow> {
  return manager.getRepository<UserRow>('user');
}

function toUser(row: Found): User {
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
