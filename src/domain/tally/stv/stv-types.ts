/**
 * The shared contract of the Single Transferable Vote methods (Meek, Scottish STV, CPO-STV). They
 * count full ballots, not the pairwise matrix: a ballot is an ordered list of candidates without
 * ties; a candidate it leaves out is not preferred (the ballot exhausts before reaching it).
 */

/** One distinct ranking and how many voters cast it. */
export interface StvBallot {
  /** Candidate indexes into `StvInput.candidates`, most preferred first; no repeats, no ties. */
  readonly preferences: readonly number[];
  /** How many ballots carry this ranking (a whole number ≥ 1). */
  readonly weight: number;
}

export interface StvInput {
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly ballots: readonly StvBallot[];
  /** Seeds the draw for ties the rules break by lot; the draw is recorded in the result. */
  readonly seed: string;
  /**
   * Passed over when elected (the Kubernetes charter's employer cap): a candidate whose election
   * would exceed the cap is excluded instead. Index → group value; absent = never capped.
   */
  readonly seatCap?: { readonly limit: number; readonly groupOf: readonly (string | undefined)[] };
}

export type StvMethod = 'stv-meek' | 'stv-scottish' | 'cpo-stv';

/** What happened to one candidate in one round. */
export type StvCandidateState = 'hopeful' | 'elected' | 'excluded' | 'passed-over';

export interface StvRoundCandidate {
  readonly candidate: string;
  /** Votes held at the end of the round (decimal string, exact in the method's arithmetic). */
  readonly votes: string;
  /** Meek only: the candidate's keep value (decimal string); absent elsewhere. */
  readonly keepValue?: string;
  readonly state: StvCandidateState;
}

export interface StvRound {
  readonly number: number;
  /** The quota in force in this round (decimal string). */
  readonly quota: string;
  readonly candidates: readonly StvRoundCandidate[];
  readonly elected: readonly string[];
  readonly excluded: readonly string[];
  /** Whose surplus (or which excluded candidate's votes) moved in this round, if any. */
  readonly transferred: string | null;
  /** Votes that reached no continuing candidate, cumulative (decimal string). */
  readonly exhausted: string;
  /** One plain sentence: what happened and why. */
  readonly summary: string;
}

/** A tie the rules break by lot, as drawn. */
export interface StvDraw {
  readonly round: number;
  readonly among: readonly string[];
  readonly chosen: string;
  readonly purpose: 'elect' | 'exclude' | 'order';
}

export interface StvResult {
  readonly method: StvMethod;
  readonly seats: number;
  /** In order of election. */
  readonly winners: readonly string[];
  readonly rounds: readonly StvRound[];
  readonly draws: readonly StvDraw[];
  readonly seed: string;
}
