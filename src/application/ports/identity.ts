/** Who signed in, as an identity provider reports it. */
export interface Identity {
  /** GitHub login as the provider spells it. */
  readonly login: string;
  readonly name: string | null;
  /**
   * GitHub's numeric user id (GitHub sign-in: always). Absent for the development sign-in, which
   * has no account behind the login.
   */
  readonly githubId?: number;
}
