import { DomainError } from '../../domain/errors.js';
import type { User, Users } from '../ports/users.js';

/** The user a session points at; USER_NOT_FOUND when the row is gone (the session must end). */
export class CurrentUser {
  constructor(private readonly users: Users) {}

  async execute(userId: number): Promise<User> {
    const user = Number.isSafeInteger(userId) ? await this.users.byId(userId) : null;
    if (!user) throw new DomainError('USER_NOT_FOUND', 'Your account is no longer known; please sign in again.', { userId });
    return user;
  }
}
