/**
 * The tally contract. Every method is a small pure function over a PairwiseMatrix; the result
 * shape is shared by the CLI, the officers' pages and the JSON export.
 */
export type TallyMethod = 'schulze' | 'ranked-pairs' | 'minimax' | 'copeland';
export type PairStrength = 'winning' | 'margin' | 'ratio';
/** How a candidate left unranked on a ballot counts: not at all (Elekto), or tied below every ranked one. */
export type UnrankedPolicy = 'no-opinion' | 'last';

/**
 * Pairwise preferences of a set of ballots: counts[x * n + y] = total weight of ballots ranking
 * candidates[x] above candidates[y] (n = candidates.length). Built by PairwiseAccumulator or
 * pairwiseMatrix(); never mutated after it is handed out.
 */
export interface PairwiseMatrix {
  readonly candidates: readonly string[];
  /** Total weight of the ballots counted (a ballot's weight is its number of copies). */
  readonly ballots: number;
  readonly counts: Float64Array;
}

export interface SeatCapRule {
  readonly field: string;
  readonly limit: number;
  /** Value of `field` for each candidate id; a candidate without a value is never capped. */
  readonly valueOf: Readonly<Record<string, string | undefined>>;
}

export interface TallyOptions {
  readonly method: TallyMethod;
  /** Ignored by Copeland. */
  readonly strength: PairStrength;
  /** Number of seats (election's no_winners). */
  readonly seats: number;
  readonly seatCap?: SeatCapRule;
}

export interface PassedOver {
  readonly candidate: string;
  readonly reason: string;
}

export interface PairOutcome {
  readonly opponent: string;
  /** Ballots preferring this candidate over the opponent. */
  readonly for: number;
  /** Ballots preferring the opponent over this candidate. */
  readonly against: number;
}

export interface CandidateExplanation {
  readonly candidate: string;
  readonly beats: readonly PairOutcome[];
  readonly losesTo: readonly PairOutcome[];
  readonly ties: readonly PairOutcome[];
  readonly condorcetWinner: boolean;
  readonly condorcetLoser: boolean;
  /** One plain sentence, e.g. "Beats B 12–9, C 16–3; loses to D 7–14." */
  readonly summary: string;
}

export interface TallyResult {
  readonly method: TallyMethod;
  readonly strength: PairStrength;
  readonly candidates: readonly string[];
  readonly ballots: number;
  /** Tiers best first; candidates in one tier are tied and never silently ordered. */
  readonly ranking: ReadonlyArray<readonly string[]>;
  readonly winners: readonly string[];
  /** True when a tier straddles the last seat, so the winners cannot be read off the ranking alone. */
  readonly tieAtCutoff: boolean;
  /** Candidates in the tie at the cut (empty when tieAtCutoff is false). */
  readonly tiedAtCutoff: readonly string[];
  readonly passedOver: readonly PassedOver[];
  /** pairwise[x][y] = ballots ranking x above y. */
  readonly pairwise: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Schulze only: strongest path strengths, same shape as pairwise. */
  readonly strongestPaths?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Minimax: each candidate's worst defeat (lower is better); Copeland: 2 × wins + ties (higher is
   * better). Absent for Schulze and Ranked Pairs.
   */
  readonly scores?: Readonly<Record<string, number>>;
  /** Ranked Pairs only: the defeats locked in, strongest first, as [winner, loser]. */
  readonly lockedPairs?: ReadonlyArray<readonly [string, string]>;
  readonly condorcetWinner: string | null;
  readonly condorcetLoser: string | null;
  readonly explanations: Readonly<Record<string, CandidateExplanation>>;
}
