import { createHmac, hkdfSync } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import type { RankEntry } from '../../../domain/ballot/ranking.js';

/** What a pending row holds once opened: the ballot as it will enter the `ballot` table. */
export interface PendingBallot {
  readonly electionId: number;
  readonly ballotId: string;
  readonly entries: readonly RankEntry[];
  /** Sealed with the ballot: a tracker in the clear would tie the pending row to its bulletin line. */
  readonly tracker?: string | null;
}

/** A pending row that does not open: sealed under another APP_KEY, or altered in the database. */
export class PendingBallotUnreadableError extends Error {
  constructor(readonly count: number) {
    super(
      `${count} pending ballot(s) cannot be opened: they were sealed under a different APP_KEY (or altered in the database). ` +
        'Nothing was moved. Put back the APP_KEY that was in use when they were cast and compute the results ' +
        "(the officers' results page or `elekto results <election>`) so the pool empties; only then change APP_KEY.",
    );
    this.name = 'PendingBallotUnreadableError';
  }
}

const NONCE_BYTES = 24;
// Padded lengths are whole blocks, so elections with similar candidate lists share payload lengths too.
const PAD_BLOCK = 256;
// The widest rank a cast can carry: a safe integer (16 digits; "No opinion" has 9).
const WIDEST_RANK = Number.MAX_SAFE_INTEGER;

/**
 * Seals ballots while they wait in the pending pool, so a database administrator who reads the pool
 * sees neither the ranking nor the ballot id (which would link the row to its later `ballot` rows).
 * Two keys are derived from APP_KEY with HKDF, one per purpose: an XSalsa20-Poly1305 (libsodium
 * secretbox) key for the payload, and an HMAC key that turns (election, ballot id) into the row's id,
 * so view and revoke find a pending ballot by the id the voter recovers, without it being stored.
 */
export class PendingBallotCipher {
  private constructor(
    private readonly sealKey: Uint8Array,
    private readonly lookupKey: Buffer,
  ) {}

  static async fromSecret(secret: string): Promise<PendingBallotCipher> {
    await sodium.ready;
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'elekto-ts pending ballot pool', info, 32));
    return new PendingBallotCipher(new Uint8Array(derive('seal v1')), derive('lookup v1'));
  }

  /** 32 hex digits, the shape of Elekto's ballot ids: the row id of a ballot in the pool. */
  rowId(electionId: number, ballotId: string): string {
    return createHmac('sha256', this.lookupKey).update(`${electionId}\n${ballotId}`).digest('hex').slice(0, 32);
  }

  /**
   * The payload is padded to the length its encoding would have with every rank at its widest, so
   * its length depends on the election (id, candidate ids: a cast lists every candidate), never on
   * how many candidates were ranked or with which numbers (issue 11 saw 296 vs 552 bytes).
   */
  seal(ballot: PendingBallot): Uint8Array {
    const plain = encode(ballot);
    const widest = encode({ ...ballot, entries: ballot.entries.map((x) => ({ candidate: x.candidate, rank: WIDEST_RANK })) });
    const size = Math.ceil((widest.length + 1) / PAD_BLOCK) * PAD_BLOCK;
    // ISO/IEC 7816-4 padding (0x80, then zeros) to `size`; a plaintext wider than `widest` (no cast makes one) to the next block.
    const padded = sodium.pad(plain, plain.length < size ? size : PAD_BLOCK);
    const nonce = sodium.randombytes_buf(NONCE_BYTES);
    const box = sodium.crypto_secretbox_easy(padded, nonce, this.sealKey);
    const out = new Uint8Array(NONCE_BYTES + box.length);
    out.set(nonce, 0);
    out.set(box, NONCE_BYTES);
    return out;
  }

  /** The ballot, or null when the bytes do not open under this key or belong to another election. */
  open(sealed: Uint8Array, electionId: number): PendingBallot | null {
    if (sealed.length < NONCE_BYTES + sodium.crypto_secretbox_MACBYTES) return null;
    let padded: Uint8Array;
    try {
      padded = sodium.crypto_secretbox_open_easy(sealed.subarray(NONCE_BYTES), sealed.subarray(0, NONCE_BYTES), this.sealKey);
    } catch {
      return null;
    }
    // Scanning the whole buffer for the 0x80 marker opens both this padding and the earlier one to 256-byte blocks.
    const parsed = JSON.parse(sodium.to_string(sodium.unpad(padded, padded.length))) as { el: number; id: string; e: Array<[string, number]>; t?: string };
    if (parsed.el !== electionId) return null;
    return { electionId, ballotId: parsed.id, entries: parsed.e.map(([candidate, rank]) => ({ candidate, rank })), tracker: parsed.t ?? null };
  }
}

function encode(ballot: PendingBallot): Uint8Array {
  // `t` only when there is a tracker: payloads of elections without trackers stay as they were.
  const t = ballot.tracker ? { t: ballot.tracker } : {};
  return sodium.from_string(JSON.stringify({ el: ballot.electionId, id: ballot.ballotId, e: ballot.entries.map((x) => [x.candidate, x.rank]), ...t }));
}
