import { DomainError } from '../../domain/errors.js';
import { isPlausibleLogin } from '../../domain/identity/github-login.js';
import type { Identity } from '../ports/identity.js';
import type { SignedInUser, Users } from '../ports/users.js';

const MAX_NAME = 255; // Elekto's user.name column

/**
 * Records who signed in: creates the user on first sign-in; afterwards finds them by GitHub's
 * numeric id, or by login whatever its case (GitHub logins are case-insensitive), and refreshes the
 * display name when the sign-in brings one (Elekto's `user` columns are never blanked). A login now held by another GitHub account never inherits the old account's row
 * (`displaced` then names the row that stepped aside, for the log).
 */
export class SignIn {
  constructor(private readonly users: Users) {}

  async execute(identity: Identity): Promise<SignedInUser> {
    const login = identity.login.trim().replace(/^@+/, '');
    if (!isPlausibleLogin(login)) {
      throw new DomainError('INVALID_LOGIN', 'The identity provider returned something that is not a GitHub login.', {
        login: identity.login,
      });
    }
    const githubId = identity.githubId ?? null;
    if (githubId !== null && !(Number.isSafeInteger(githubId) && githubId > 0)) {
      throw new DomainError('INVALID_LOGIN', 'The identity provider returned an account id that is not a positive whole number.', { login });
    }
    const name = identity.name === null ? '' : identity.name.trim();
    return this.users.upsertFromSignIn(login, name === '' ? null : [...name].slice(0, MAX_NAME).join(''), githubId);
  }
}
