import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SealedLink } from '../../src/application/ports/ballot-box.js';
import type { BallotSealer } from '../../src/application/ports/ballot-sealer.js';

/**
 * A fast BallotSealer for tests: HMAC-SHA256(salt, passphrase) as the key (no Argon2), AES-256-GCM
 * as the box. It really seals (the ballot id is not readable in `sealed`) and really checks the
 * passphrase (a wrong one fails authentication and opens to null). Counts its calls.
 */
export class FakeBallotSealer implements BallotSealer {
  static readonly SCHEME = 'test-hmac-aesgcm';
  seals = 0;
  opens = 0;

  async seal(passphrase: string, ballotId: string): Promise<SealedLink> {
    this.seals++;
    const salt = new Uint8Array(randomBytes(16));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(passphrase, salt), iv);
    const body = Buffer.concat([cipher.update(ballotId, 'utf8'), cipher.final()]);
    return { salt, sealed: new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body])), scheme: FakeBallotSealer.SCHEME };
  }

  async open(passphrase: string, link: SealedLink): Promise<string | null> {
    this.opens++;
    if (link.scheme !== FakeBallotSealer.SCHEME) return null;
    const raw = Buffer.from(link.sealed);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key(passphrase, link.salt), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

function key(passphrase: string, salt: Uint8Array): Buffer {
  return createHmac('sha256', Buffer.from(salt)).update(passphrase, 'utf8').digest();
}
