import sodium from 'libsodium-wrappers-sumo';
import type { SealedLink } from '../../application/ports/ballot-box.js';
import type { BallotSealer } from '../../application/ports/ballot-sealer.js';
import { DomainError } from '../../domain/errors.js';
import { KdfWorkerPool, type KdfPoolOptions } from './kdf-worker-pool.js';
import { DEFAULT_SCHEME, ELEKTO_SCHEME_NAME, checkScheme, formatScheme, parseScheme, type SealScheme } from '../shared/seal-scheme.js';
import { ServerPepper } from './server-pepper.js';

const SALT_BYTES = 16; // argon2i.SALTBYTES in PyNaCl
const NONCE_BYTES = 24;
const MAC_BYTES = 16;

export interface SodiumBallotSealerOptions extends KdfPoolOptions {
  /** Parameters for new links; links already stored open with the scheme recorded beside them. */
  readonly scheme?: SealScheme;
  /**
   * APP_KEY. When given, new links also depend on a pepper derived from it (never stored), unless the
   * scheme is Elekto's: those links exist so that Elekto can open them, and Elekto knows no pepper.
   * Links peppered under this key open with it; links without a pepper open as before.
   */
  readonly serverSecret?: string;
  /** An existing pool to share (its owner closes it). */
  readonly pool?: KdfWorkerPool;
  /** Only tests pass this, to reproduce the spec's fixed-nonce test vector. */
  readonly randomBytes?: (length: number) => Uint8Array;
}

/**
 * PyNaCl-compatible ballot links (spec §7.5): key = Argon2(passphrase UTF-8, 16-byte salt), 32 bytes;
 * stored = nonce(24) ‖ MAC(16) ‖ XSalsa20 ciphertext of the ballot id, exactly SecretBox.encrypt's
 * layout, so links sealed by Elekto open here and the reverse holds when the Elekto scheme is chosen.
 * Peppered links (the default with an APP_KEY) keep the layout; only the key is HKDF(pepper, Argon2).
 */
export class SodiumBallotSealer implements BallotSealer {
  readonly scheme: SealScheme;
  private readonly pepper: ServerPepper | null;
  /** What new links record: the KDF parameters, plus the pepper's key id when they are peppered. */
  private readonly sealingScheme: SealScheme;
  private readonly pool: KdfWorkerPool;
  private readonly ownsPool: boolean;
  private readonly randomBytes: (length: number) => Uint8Array;

  constructor(options: SodiumBallotSealerOptions = {}) {
    this.scheme = options.scheme ?? DEFAULT_SCHEME;
    checkScheme(this.scheme);
    this.pepper = ServerPepper.fromSecret(options.serverSecret ?? '');
    const pepperNewLinks = this.pepper !== null && formatScheme(this.scheme) !== ELEKTO_SCHEME_NAME;
    this.sealingScheme = pepperNewLinks ? { ...this.scheme, pepperId: this.pepper.id } : this.scheme;
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new KdfWorkerPool(options);
    this.randomBytes = options.randomBytes ?? ((n) => sodium.randombytes_buf(n));
  }

  async seal(passphrase: string, ballotId: string, requester?: string): Promise<SealedLink> {
    await sodium.ready;
    const salt = this.randomBytes(SALT_BYTES);
    const key = await this.deriveLinkKey(passphrase, salt, this.sealingScheme, requester);
    const nonce = this.randomBytes(NONCE_BYTES);
    const box = sodium.crypto_secretbox_easy(sodium.from_string(ballotId), nonce, key);
    sodium.memzero(key);
    const sealed = new Uint8Array(NONCE_BYTES + box.length);
    sealed.set(nonce, 0);
    sealed.set(box, NONCE_BYTES);
    return { salt, sealed, scheme: formatScheme(this.sealingScheme) };
  }

  async open(passphrase: string, link: SealedLink, requester?: string): Promise<string | null> {
    await sodium.ready;
    if (link.salt.length !== SALT_BYTES || link.sealed.length < NONCE_BYTES + MAC_BYTES) return null;
    const scheme = knownScheme(link.scheme);
    if (scheme.pepperId !== undefined && scheme.pepperId !== this.pepper?.id) {
      // Not the voter's fault and no passphrase would help: say so rather than "wrong passphrase".
      throw new DomainError(
        'NO_RECOVERABLE_LINK',
        'Your ballot link was sealed under a server key (APP_KEY) that this server no longer has, so no passphrase can open it here. The election officers can restore the key that was in use when you voted.',
      );
    }
    const key = await this.deriveLinkKey(passphrase, link.salt, scheme, requester);
    try {
      const plain = sodium.crypto_secretbox_open_easy(link.sealed.subarray(NONCE_BYTES), link.sealed.subarray(0, NONCE_BYTES), key);
      return sodium.to_string(plain);
    } catch {
      return null; // wrong passphrase (MAC mismatch): say nothing more
    } finally {
      sodium.memzero(key);
    }
  }

  /** Derives a key only; for the compatibility test vector and benchmarks. */
  async deriveKey(passphrase: string, salt: Uint8Array, scheme: SealScheme = this.sealingScheme): Promise<Uint8Array> {
    return this.deriveLinkKey(passphrase, salt, scheme);
  }

  private async deriveLinkKey(passphrase: string, salt: Uint8Array, scheme: SealScheme, requester?: string): Promise<Uint8Array> {
    const stretched = await this.pool.derive({ password: passphrase, salt, scheme, requester });
    if (scheme.pepperId === undefined) return stretched;
    const key = this.pepper!.mix(stretched);
    sodium.memzero(stretched);
    return key;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.close();
  }
}

/** The stored scheme, or the port's refusal when no passphrase can open the link here (not a crash). */
function knownScheme(name: string | null): SealScheme {
  try {
    return parseScheme(name);
  } catch {
    throw new DomainError(
      'NO_RECOVERABLE_LINK',
      'Your ballot link was sealed in a way this server does not know (another program or a newer version wrote it), so no passphrase can open it here.',
    );
  }
}
