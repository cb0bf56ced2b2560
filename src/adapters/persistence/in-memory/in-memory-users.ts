import { randomBytes } from 'node:crypto';
import type { SignedInUser, User, Users } from '../../../application/ports/users.js';
import { normaliseLogin, tombstoneLogin } from '../../../domain/identity/github-login.js';

/** Users in a Map; logins matched case-insensitively, like the unique index of the database adapters. */
export class InMemoryUsers implements Users {
  private readonly byId_ = new Map<number, User>();
  private readonly idByLogin = new Map<string, number>();
  private nextId = 1;

  async upsertFromSignIn(login: string, name: string | null, githubId: number | null = null): Promise<SignedInUser> {
    // No await before the write: two concurrent sign-ins of a new login create one user.
    const spelled = login.trim().replace(/^@+/, '');
    const holder = this.userOf(this.idByLogin.get(normaliseLogin(spelled)));
    const owner = githubId === null ? undefined : [...this.byId_.values()].find((u) => u.githubId === githubId);
    let displaced: SignedInUser['displaced'];
    let id: number;
    if (owner) {
      id = owner.id;
    } else if (holder && (githubId === null || holder.githubId == null || holder.githubId === githubId)) {
      id = holder.id;
    } else {
      id = this.nextId++;
    }
    if (holder && holder.id !== id) {
      this.rename(holder, tombstoneLogin(holder.login, holder.id));
      displaced = { id: holder.id, githubId: holder.githubId ?? null };
    }
    const before = this.byId_.get(id);
    if (before) this.idByLogin.delete(normaliseLogin(before.login));
    // As the database adapters: only GitHub's word changes a stored spelling, and a sign-in without a
    // name keeps the one stored (Elekto's columns stay as Elekto would write them).
    const login_ = before && githubId === null ? before.login : spelled;
    const user: User = {
      id,
      login: login_,
      name: name ?? before?.name ?? null,
      sessionToken: newSessionToken(),
      githubId: githubId ?? before?.githubId ?? null,
    };
    this.byId_.set(id, user);
    this.idByLogin.set(normaliseLogin(login_), id);
    return { ...user, ...(displaced ? { displaced } : {}) };
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

  private userOf(id: number | undefined): User | undefined {
    return id === undefined ? undefined : this.byId_.get(id);
  }

  /** Moving aside also ends its sessions: nobody holding this login now may keep the old cookie. */
  private rename(user: User, login: string): void {
    this.idByLogin.delete(normaliseLogin(user.login));
    this.idByLogin.set(normaliseLogin(login), user.id);
    this.byId_.set(user.id, { ...user, login, sessionToken: newSessionToken() });
  }
}

function newSessionToken(): string {
  return `s1.${randomBytes(24).toString('base64url')}`;
}
