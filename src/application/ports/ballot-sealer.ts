import type { SealedLink } from './ballot-box.js';

/**
 * Whose request a derivation serves (a voter's id as text). Derivations wait in one line per
 * requester, served in turn, so one voter's backlog cannot hold up another's ballot.
 */
export type Requester = string;

export interface BallotSealer {
  /** Derives a key from the passphrase (off the event loop) and seals the ballot id. */
  seal(passphrase: string, ballotId: string, requester?: Requester): Promise<SealedLink>;
  /**
   * The ballot id, or null when the passphrase is wrong (or the link was damaged). When no passphrase
   * could open the link here (sealed under another APP_KEY, or with a scheme this server does not
   * know), a DomainError NO_RECOVERABLE_LINK says so instead. test/adapters/contracts holds the suite.
   */
  open(passphrase: string, link: SealedLink, requester?: Requester): Promise<string | null>;
}
