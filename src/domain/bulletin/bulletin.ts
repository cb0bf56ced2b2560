import type { StvDraw, StvMethod } from '../tally/stv/stv-types.js';
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

/** A Condorcet count: the ballots' pairwise matrix, ranked by the method. */
export interface CondorcetBulletinMethod {
  readonly name: TallyMethod;
  readonly strength: PairStrength;
  readonly unranked: UnrankedPolicy;
}

/**
 * A Single Transferable Vote count over the full ballots. Unranked candidates are not preferred, so
 * there is no `unranked` choice and no pair strength; `seed` drives the draws the rules make by lot.
 */
export interface StvBulletinMethod {
  readonly name: StvMethod;
  readonly seed: string;
}

export type BulletinMethod = CondorcetBulletinMethod | StvBulletinMethod;

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

export interface CondorcetBulletinResult {
  readonly ranking: ReadonlyArray<readonly string[]>;
  readonly winners: readonly string[];
  readonly tieAtCutoff: boolean;
}

export interface StvBulletinResult {
  /** In order of election; null when the method refuses these ballots (CPO-STV past its limit). */
  readonly winners: readonly string[] | null;
  /** The ties the rules broke by lot, as drawn from the seed (empty when none). */
  readonly draws: readonly StvDraw[];
}

export type BulletinResult = CondorcetBulletinResult | StvBulletinResult;

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
