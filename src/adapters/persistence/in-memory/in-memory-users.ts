import { randomBytes } from 'node:crypto';
import type { User, Users } from '../../../application/ports/users.js';
import { normaliseLogin } from '../../../domain/identity/github-login.js';

/** Users in a Map; logins matched case-insensitively, like the unique index of the database adapters. */
export class InMemoryUsers implements Users {
  private readonly byId_ = new Map<number, User>();
  private readonly idByLogin = new Map<string, number>();
  private nextId = 1;

  async upsertFromSignIn(login: string, name: string | null): Promise<User> {
    // No await before the write: two concurrent sign-ins of a new login create one user.
    const key = normaliseLogin(login);
    const id = this.idByLogin.get(key) ?? this.nextId++;
    const sessionToken = this.byId_.get(id)?.sessionToken ?? newSessionToken();
    const user: User = { id, login: login.trim(), name, sessionToken };
    this.byId_.set(id, user);
    this.idByLogin.set(key, id);
    return { ...user };
  }

  async byId(id: number): Promise<User | null> {
    const user = this.byId_.get(id);
    return user ? { ...user } : null;
  }

  async byLogin(login: string): Promise<User | null> {
    const id = this.idByLogin.get(normaliseLogin(login));
    return id === undefined ? null : this.byId(id);
  }

  async revokeSessions(id: number): Promise<void> {
    const user = this.byId_.get(id);
    if (user) this.byId_.set(id, { ...user, sessionToken: newSessionToken() });
  }
}

function newSessionToken(): string {
  return `s1.${randomBytes(24).toString('base64url')}`;
}
