/** Who signed in, as an identity provider reports it. */
export interface Identity {
  /** GitHub login as the provider spells it. */
  readonly login: string;
  readonly name: string | null;
}
