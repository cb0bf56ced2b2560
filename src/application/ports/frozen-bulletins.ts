import type { Bulletin } from '../../domain/bulletin/bulletin.js';

/** What an election's bulletin was at its close: fixed once, compared with every later reading. */
export interface FrozenBulletin {
  readonly electionKey: string;
  /** The bulletin's digest (docs/verify.md) over the ballots as they stood at the close. */
  readonly digest: string;
  readonly ballotCount: number;
  readonly frozenAt: Date;
}

/**
 * The digests fixed at each election's close. `freeze` is first-writer-wins and atomic across
 * replicas (a unique key on the election): two servers closing the same election at once store one
 * digest, and a later freeze can never overwrite it, which is what lets a changed, added or deleted
 * ballot show as a difference instead of becoming the new truth.
 */
export interface FrozenBulletins {
  /**
   * Stores the record, with the whole bulletin as it was (so a later difference can be named, not
   * only noticed), unless the election already has one; returns the stored record either way.
   */
  freeze(record: FrozenBulletin, bulletin: Bulletin): Promise<FrozenBulletin>;
  find(electionKey: string): Promise<FrozenBulletin | null>;
  /** The bulletin stored at the freeze, parsed but unchecked (the database is not trusted); null: none. */
  frozenCopy(electionKey: string): Promise<unknown>;
}
