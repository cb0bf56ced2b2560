import type { RankEntry } from '../../domain/ballot/ranking.js';

/**
 * The voter's only way back to their ballot: the ballot id sealed under a key derived from their
 * passphrase. `scheme` names the KDF parameters so old (Elekto) links keep opening.
 */
export interface SealedLink {
  readonly salt: Uint8Array;
  /** nonce ‖ MAC ‖ ciphertext, PyNaCl SecretBox layout. */
  readonly sealed: Uint8Array;
  readonly scheme: string;
}

export interface CastBallot {
  readonly electionKey: string;
  readonly userId: number;
  /** Random id shared by the ballot's rows (Elekto's `ballot.voter`, a UUID with dashes). */
  readonly ballotId: string;
  /** One entry per candidate; unranked ones carry NO_OPINION_RANK. */
  readonly entries: readonly RankEntry[];
  /** Null when the voter gave no passphrase: then nothing links the voter to the ballot. */
  readonly link: SealedLink | null;
  /**
   * The ballot's random tracker (elections with `ballot_trackers: true`), stored with the ballot and
   * never with the voter mark: it goes and comes with the ballot (revoke, replace).
   */
  readonly tracker?: string | null;
}

/** A changed vote: the new ballot, and the id of the one it replaces (opened with the voter's passphrase). */
export interface ReplaceBallot extends CastBallot {
  readonly replacedBallotId: string;
}

export interface StoredBallot {
  readonly ballotId: string;
  readonly entries: readonly RankEntry[];
  /** Its tracker; null or absent for ballots cast without one (Elekto's among them). */
  readonly tracker?: string | null;
}

/** "This user has voted in this election", with the sealed link when there is one. */
export interface VoterMark {
  readonly electionKey: string;
  readonly userId: number;
  readonly link: SealedLink | null;
  /** False once the link was purged (delete_after) or when none was stored. */
  readonly hasLink: boolean;
}

export interface BallotBox {
  /**
   * Stores the ballot and the voter mark in one transaction. A second mark for the same
   * (election, user) is refused by a database constraint: DomainError ALREADY_VOTED.
   */
  cast(ballot: CastBallot): Promise<void>;
  mark(electionKey: string, userId: number): Promise<VoterMark | null>;
  ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null>;
  /**
   * Swaps the voter's ballot for a new one in one transaction: the mark stays (it takes the new
   * link), the old ballot goes, the new one enters as a cast one does. There is never a moment with
   * no ballot or two; a failure leaves the old ballot and link as they were. NOT_VOTED without a mark.
   */
  replace(ballot: ReplaceBallot): Promise<void>;
  /** Deletes the ballot and the voter mark in one transaction, so the user may vote again. */
  revoke(electionKey: string, userId: number, ballotId: string): Promise<void>;
  /**
   * Moves every ballot still waiting in the pending pool into the ballots (reads of ballots do it
   * first anyway). Returns how many moved.
   */
  flush(electionKey: string): Promise<number>;
  /** Streams every ballot of the election, one at a time, without loading them all. */
  ballots(electionKey: string): AsyncIterable<StoredBallot>;
  countBallots(electionKey: string): Promise<number>;
  countVoters(electionKey: string): Promise<number>;
  /** Destroys every voter-to-ballot link of the election; ballots and marks stay. Returns how many. */
  purgeLinks(electionKey: string): Promise<number>;
  /** How many voters can still open their ballot with a passphrase (links not purged). */
  countLinks(electionKey: string): Promise<number>;
  /**
   * How many voter links of the election each sealing scheme holds. Some schemes depend on a server
   * secret: before that secret changes, this says whose links would no longer open.
   */
  countLinksByScheme(electionKey: string): Promise<ReadonlyMap<string, number>>;
  votedElectionKeys(userId: number): Promise<string[]>;
}
