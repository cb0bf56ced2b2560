import { DomainError } from '../errors.js';

/** Elekto stores "No opinion" as this rank; kept for database and CSV compatibility. */
export const NO_OPINION_RANK = 100_000_000;

/** One stored line of a ballot: a candidate and its rank (1 = most preferred). */
export interface RankEntry {
  readonly candidate: string;
  readonly rank: number;
}

/**
 * A ballot as ordered tiers, best first; candidates in one tier are ranked equal. Candidates that
 * appear in no tier have "no opinion": they are not a lowest rank.
 */
export type Ranking = ReadonlyArray<ReadonlyArray<string>>;

export function isNoOpinion(rank: number): boolean {
  return rank === NO_OPINION_RANK;
}

/**
 * Checks a ballot against the election's candidates and turns it into tiers.
 * Only known candidates, each at most once; ranks positive integers (or NO_OPINION_RANK);
 * at least one candidate ranked.
 */
export function rankingFromEntries(entries: readonly RankEntry[], candidateIds: readonly string[]): Ranking {
  const known = new Set(candidateIds);
  const seen = new Set<string>();
  const byRank = new Map<number, string[]>();
  for (const { candidate, rank } of entries) {
    if (!known.has(candidate)) {
      throw new DomainError('INVALID_BALLOT', `"${candidate}" is not a candidate in this election.`, { candidate });
    }
    if (seen.has(candidate)) {
      throw new DomainError('INVALID_BALLOT', `"${candidate}" is ranked more than once.`, { candidate });
    }
    seen.add(candidate);
    if (isNoOpinion(rank)) continue;
    if (!Number.isSafeInteger(rank) || rank < 1) {
      throw new DomainError('INVALID_BALLOT', `The rank of "${candidate}" must be a whole number from 1 up, or "No opinion".`, {
        candidate,
        rank,
      });
    }
    const tier = byRank.get(rank) ?? [];
    tier.push(candidate);
    byRank.set(rank, tier);
  }
  if (byRank.size === 0) {
    throw new DomainError('INVALID_BALLOT', 'Rank at least one candidate; a ballot with every candidate at "No opinion" says nothing.');
  }
  return [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, tier]) => tier);
}

/** Back to storable entries: tier i gets rank i+1; the rest get NO_OPINION_RANK. */
export function entriesFromRanking(ranking: Ranking, candidateIds: readonly string[]): RankEntry[] {
  const rankOf = new Map<string, number>();
  ranking.forEach((tier, i) => tier.forEach((c) => rankOf.set(c, i + 1)));
  return candidateIds.map((candidate) => ({ candidate, rank: rankOf.get(candidate) ?? NO_OPINION_RANK }));
}

/**
 * True when the ballot cannot change any pairwise contest: nothing ranked, or every ranked candidate
 * in one tier while there is nothing below it. The web front warns the voter (Elekto #95).
 */
export function expressesNoPreference(entries: readonly RankEntry[]): boolean {
  const ranks = new Set(entries.filter((e) => !isNoOpinion(e.rank)).map((e) => e.rank));
  return ranks.size <= 1;
}
