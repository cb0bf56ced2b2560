import type { User } from '../../../src/application/ports/users.js';

let nextId = 1000;

/** A user value (not stored anywhere); give an id when a test needs a known one. */
export function aUser(login: string, overrides: Partial<User> = {}): User {
  return { id: overrides.id ?? nextId++, login, name: overrides.name ?? null };
}
