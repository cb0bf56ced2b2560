export interface User {
  readonly id: number;
  /** GitHub login as GitHub spells it (compare with normaliseLogin). */
  readonly login: string;
  readonly name: string | null;
  /**
   * Opaque value that every session of this user carries; each sign-in and each revocation replaces
   * it, so cookies issued before (a copied or stolen one included) stop working. Absent only in
   * hand-built test users.
   */
  readonly sessionToken?: string;
  /**
   * GitHub's numeric user id: it survives a rename and is never reused, unlike the login. Null until a
   * GitHub sign-in brings it (Elekto-era rows, the development sign-in).
   */
  readonly githubId?: number | null;
}

/** The user a sign-in resolved to, and the row that had to step aside for it, if any. */
export interface SignedInUser extends User {
  /**
   * Another GitHub account held this login here (a login renamed away and taken by someone else):
   * that row keeps its ballots and requests, under a tombstone login no sign-in can reach.
   */
  readonly displaced?: { readonly id: number; readonly githubId: number | null };
}

export interface Users {
  /**
   * Records a sign-in, atomically: with a GitHub id, the row holding that id (renamed if the login
   * changed), else the row holding the login if it has no id yet (it adopts this one), else a new
   * row. A row is never handed to a different GitHub id: its login is tombstoned and the newcomer
   * gets a new row. Without an id (development sign-in), the row holding the login. Logins match
   * case-insensitively; the session token is replaced. Elekto's columns stay as Elekto would write
   * them (it compares usernames exactly): the stored spelling changes only with a GitHub id (GitHub's
   * own spelling), and the display name only when the sign-in brings one.
   */
  upsertFromSignIn(login: string, name: string | null, githubId?: number | null): Promise<SignedInUser>;
  byId(id: number): Promise<User | null>;
  byLogin(login: string): Promise<User | null>;
  /** Ends every session of the user (sign-out): a new session token; old cookies no longer match. */
  revokeSessions(id: number): Promise<void>;
}
