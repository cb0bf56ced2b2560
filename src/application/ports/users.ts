export interface User {
  readonly id: number;
  /** GitHub login as GitHub spells it (compare with normaliseLogin). */
  readonly login: string;
  readonly name: string | null;
  /**
   * Opaque value that every session of this user carries; revoking sessions replaces it, so cookies
   * issued before (a copied or stolen one included) stop working. Absent only in hand-built test users.
   */
  readonly sessionToken?: string;
}

export interface Users {
  /** Creates the user on first sign-in, refreshes the display name afterwards. Matches logins case-insensitively. */
  upsertFromSignIn(login: string, name: string | null): Promise<User>;
  byId(id: number): Promise<User | null>;
  byLogin(login: string): Promise<User | null>;
  /** Ends every session of the user (sign-out): a new session token; old cookies no longer match. */
  revokeSessions(id: number): Promise<void>;
}
