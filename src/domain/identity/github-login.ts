import { DomainError } from '../errors.js';

/**
 * GitHub logins are case-insensitive on GitHub itself, so every comparison goes through this form.
 * Elekto compared them exactly, which locked voters out whose roll entry differed in case (#84).
 * Voter rolls also carry stray `@` prefixes and padding; those are noise, not part of the login.
 */
export function normaliseLogin(raw: string): string {
  return raw.trim().replace(/^@+/, '').trim().toLowerCase();
}

export function sameLogin(a: string, b: string): boolean {
  return normaliseLogin(a) === normaliseLogin(b);
}

/** GitHub's own rule: 1–39 alphanumerics or single hyphens, not starting or ending with a hyphen. */
const GITHUB_LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/;

export function isPlausibleLogin(raw: string): boolean {
  return GITHUB_LOGIN.test(normaliseLogin(raw));
}

export function requireLogin(raw: string): string {
  const login = normaliseLogin(raw);
  if (login === '') throw new DomainError('INVALID_LOGIN', 'A GitHub login is required.');
  return login;
}

/**
 * What the login of a row that had to step aside becomes (a login renamed away on GitHub and taken
 * by another account): `~` is never part of a GitHub login, so no sign-in reaches it by name, and the
 * row id keeps it unique in Elekto's UNIQUE(username).
 */
export function tombstoneLogin(login: string, rowId: number): string {
  return `${login}~${rowId}`;
}
