export interface User {
  readonly id: number;
  /** GitHub login as GitHub spells it (compare with normaliseLogin). */
  readonly login: string;
  readonly name: string | null;
}

export interface Users {
  /** Creates the user on first sign-in, refreshes the display name afterwards. Matches logins case-insensitively. */
  upsertFromSignIn(login: string, name: string | null): Promise<User>;
  byId(id: number): Promise<User | null>;
  byLogin(login: string): Promise<User | null>;
}
