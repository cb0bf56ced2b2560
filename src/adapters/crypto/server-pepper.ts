import { hkdfSync } from 'node:crypto';

/**
 * A secret mixed into every new ballot-link key, derived from APP_KEY and never stored: without it,
 * a copy of the database cannot test even one passphrase guess against `voter.salt`/`voter.ballot_id`.
 * The key id (8 hex digits, also derived from APP_KEY) is recorded in the link's scheme, so a link
 * sealed under another APP_KEY is recognised as such instead of passing for a wrong passphrase;
 * it tells nothing about passphrases and no more about APP_KEY than the pending pool already does.
 */
export class ServerPepper {
  private constructor(
    readonly id: string,
    private readonly key: Buffer,
  ) {}

  /** Null for an empty secret: a pepper everybody knows would only pretend to protect. */
  static fromSecret(secret: string): ServerPepper | null {
    if (secret === '') return null;
    const derive = (info: string, length: number) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'elekto-ts ballot link pepper', info, length));
    return new ServerPepper(derive('key id v1', 4).toString('hex'), derive('pepper v1', 32));
  }

  /** The link key: HKDF with the pepper as salt over the Argon2 output (which still does the slow work). */
  mix(kdfOutput: Uint8Array): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', kdfOutput, this.key, 'elekto-ts ballot link key v1', 32));
  }
}
