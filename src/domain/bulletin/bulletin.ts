import type { PairStrength, TallyMethod, UnrankedPolicy } from '../tally/types.js';

/**
 * The public bulletin of a closed election: every counted ballot, the election it belongs to, the
 * result claimed for it and a digest over all of that, so anyone can recount it and anyone can check
 * they hold the same file as everyone else. Specified byte for byte in docs/verify.md.
 */
export const BULLETIN_FORMAT = 'elekto-bulletin/1';

export interface BulletinBallot {
  /** A voter's receipt for finding their own ballot; null until ballot trackers exist. */
  readonly tracker: string | null;
  /** Every candidate of the election: a dense rank (1 = best, ties share a rank) or null for No opinion. */
  readonly ranks: Readonly<Record<string, number | null>>;
}

export interface BulletinMethod {
  readonly name: TallyMethod;
  readonly strength: PairStrength;
  readonly unranked: UnrankedPolicy;
}

export interface BulletinSeatCap {
  readonly field: string;
  readonly limit: number;
  /** The cap group of each candidate, already folded to one spelling; null: never capped. */
  readonly values: Readonly<Record<string, string | null>>;
}

export interface BulletinElection {
  readonly key: string;
  readonly name: string;
  /** The election's own order (as in its meta repository); ballots name candidates by these ids. */
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly method: BulletinMethod;
  readonly seatCap: BulletinSeatCap | null;
  /** ISO 8601 UTC, milliseconds included (Date.prototype.toISOString). */
  readonly closesAt: string;
}

export interface BulletinResult {
  readonly ranking: ReadonlyArray<readonly string[]>;
  readonly winners: readonly string[];
  readonly tieAtCutoff: boolean;
}

/** Everything the digest covers: the bulletin without its `digest` member. */
export interface BulletinBody {
  readonly format: typeof BULLETIN_FORMAT;
  readonly election: BulletinElection;
  readonly ballotCount: number;
  /** Sorted by ballot hash (ascending hex): the order says nothing about when anyone voted. */
  readonly ballots: readonly BulletinBallot[];
  readonly result: BulletinResult;
}

export interface Bulletin extends BulletinBody {
  /** Lowercase hex SHA-256 of the canonical body. */
  readonly digest: string;
}
