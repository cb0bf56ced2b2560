import type { SealedLink } from './ballot-box.js';

export interface BallotSealer {
  /** Derives a key from the passphrase (off the event loop) and seals the ballot id. */
  seal(passphrase: string, ballotId: string): Promise<SealedLink>;
  /** The ballot id, or null when the passphrase is wrong. */
  open(passphrase: string, link: SealedLink): Promise<string | null>;
}
