import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { BulletinHasher } from '../../application/ports/bulletin-hasher.js';
import type { BulletinBallot, BulletinBody } from '../../domain/bulletin/bulletin.js';

/**
 * docs/verify.md's hashing: RFC 8785 (JSON Canonicalization Scheme, by `canonicalize`, written by
 * one of the RFC's authors), its UTF-8 bytes, SHA-256, lowercase hex. Nothing keyed: anyone can
 * recompute both hashes from the file alone.
 */
export class JcsSha256BulletinHasher implements BulletinHasher {
  ballotHash(ballot: BulletinBallot): string {
    return sha256(ballot);
  }

  digest(body: BulletinBody): string {
    return sha256(body);
  }
}

function sha256(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new TypeError('Nothing to hash: the value has no JSON form.');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
