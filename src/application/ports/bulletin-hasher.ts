import type { BulletinBallot, BulletinBody } from '../../domain/bulletin/bulletin.js';

/**
 * The hashing of docs/verify.md: RFC 8785 canonical JSON, then SHA-256, as lowercase hex. The same
 * bytes must come out of any implementation in any language, which is the whole point: a
 * bulletin's digest published in one place proves the file found in another is the same one.
 */
export interface BulletinHasher {
  /** The hash of one ballot: its canonical order in the bulletin. */
  ballotHash(ballot: BulletinBallot): string;
  /** The digest of the whole bulletin but its `digest` member. */
  digest(body: BulletinBody): string;
}
