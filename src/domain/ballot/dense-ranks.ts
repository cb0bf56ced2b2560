import { NO_OPINION_RANK, type RankEntry } from './ranking.js';

/** A rank the tally counts: a whole number from 1 up that is not "No opinion". */
export function isCountedRank(rank: number): boolean {
  return Number.isSafeInteger(rank) && rank >= 1 && rank !== NO_OPINION_RANK;
}

/**
 * One ballot's ranks renumbered 1..k in the same order, ties kept (5, 5, 9 → 1, 1, 2). The numbers a
 * voter picks are otherwise a signature a vote buyer can ask for ("rank them 271828, 314159, 577215
 * and I will find you in ballots.csv"); dense ranks carry only the order, which is all a tally reads.
 * Anything the tally does not count (No opinion, or what Elekto stored unchecked: 0, -3, 1.5, text)
 * becomes NO_OPINION_RANK, its meaning there.
 */
export function denseRanks(ranks: readonly number[]): number[] {
  const distinct = [...new Set(ranks.filter(isCountedRank))].sort((a, b) => a - b);
  const dense = new Map(distinct.map((rank, i) => [rank, i + 1]));
  return ranks.map((rank) => dense.get(rank) ?? NO_OPINION_RANK);
}

/** denseRanks over a ballot's entries; candidates and their order unchanged. */
export function denseEntries(entries: readonly RankEntry[]): RankEntry[] {
  const ranks = denseRanks(entries.map((e) => e.rank));
  return entries.map((e, i) => ({ candidate: e.candidate, rank: ranks[i]! }));
}
