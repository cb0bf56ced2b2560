import { normaliseLogin } from '../identity/github-login.js';
import type { Candidate } from './candidate.js';
import { type ElectionStatus, type Schedule, exceptionWindowOpen, statusAt } from './schedule.js';

/** At most `limit` winners may share the same value of candidate info field `field`. */
export interface SeatCap {
  readonly field: string;
  readonly limit: number;
}

/** How an election's ballots are counted (`method:` in election.yaml; Schulze when absent, as in Elekto). */
export type ElectionMethod = 'schulze' | 'ranked-pairs' | 'minimax' | 'copeland' | 'stv-meek' | 'stv-scottish' | 'cpo-stv';

export const ELECTION_METHODS: readonly ElectionMethod[] = ['schulze', 'ranked-pairs', 'minimax', 'copeland', 'stv-meek', 'stv-scottish', 'cpo-stv'];

/** The proportional (STV) methods: their ballots are full rankings without ties. */
export function isStvMethod(method: ElectionMethod): method is 'stv-meek' | 'stv-scottish' | 'cpo-stv' {
  return method === 'stv-meek' || method === 'stv-scottish' || method === 'cpo-stv';
}

/** One election as defined in the meta repository, already parsed and validated. */
export interface Election extends Schedule {
  /** Folder path below ELECTION_DIR with `/` written as `---`, e.g. `2021---GB`. */
  readonly key: string;
  /** Folder path below ELECTION_DIR, e.g. `2021/GB`. */
  readonly path: string;
  readonly name: string;
  readonly organization: string;
  readonly noWinners: number;
  readonly allowNoOpinion: boolean;
  readonly deleteAfter: boolean;
  /** `publish_ballots`: the bulletin (every ballot, no voter) is public once the election closes. */
  readonly publishBallots: boolean;
  /** `ballot_trackers`: each new ballot gets a random tracker its voter can find in the bulletin. */
  readonly ballotTrackers: boolean;
  readonly showCandidateFields: readonly string[];
  /** Normalised logins (see normaliseLogin). */
  readonly officers: readonly string[];
  /** Who may vote, as written in election.yaml (Markdown), and as sanitised HTML for the pages. */
  readonly eligibility: string | null;
  readonly eligibilityHtml: string | null;
  /** What the exception form asks for (Markdown), and as sanitised HTML. */
  readonly exceptionDescription: string | null;
  readonly exceptionDescriptionHtml: string | null;
  readonly seatCap: SeatCap | null;
  readonly method: ElectionMethod;
  readonly descriptionHtml: string | null;
  readonly resultsHtml: string | null;
  readonly candidates: readonly Candidate[];
  /** Normalised logins of the voter roll; null when the election has no voters.yaml. */
  readonly voters: ReadonlySet<string> | null;
}

export function electionStatus(election: Election, now: Date): ElectionStatus {
  return statusAt(election, now);
}

export function isOfficer(election: Election, login: string): boolean {
  const l = normaliseLogin(login);
  return election.officers.includes(l);
}

export function isEligible(election: Election, login: string): boolean {
  return election.voters !== null && election.voters.has(normaliseLogin(login));
}

export function acceptsExceptionRequests(election: Election, now: Date): boolean {
  return exceptionWindowOpen(election, now);
}

export function findCandidate(election: Election, id: string): Candidate | undefined {
  return election.candidates.find((c) => c.id === id);
}

export function candidateIds(election: Election): string[] {
  return election.candidates.map((c) => c.id);
}
