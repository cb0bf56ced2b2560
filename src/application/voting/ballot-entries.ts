import { requireRankingFitsMethod } from '../../domain/ballot/strict-ranking.js';
import { denseEntries } from '../../domain/ballot/dense-ranks.js';
import { NO_OPINION_RANK, type RankEntry, rankingFromEntries } from '../../domain/ballot/ranking.js';
import { type Election, candidateIds } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';

/**
 * The entries to store for a submitted ranking: validated against this election's candidates, then
 * one entry per candidate in the election's order, unranked ones at NO_OPINION_RANK (Elekto's
 * storage form). Ranks are stored dense (1..k, ties kept): the numbers a voter picked could otherwise
 * identify their ballot in the officers' export to whoever asked for them.
 */
export function ballotEntries(election: Election, submitted: readonly RankEntry[]): RankEntry[] {
  const ids = candidateIds(election);
  requireRankingFitsMethod(rankingFromEntries(submitted, ids), election.method);
  const rankOf = new Map(submitted.map((e) => [e.candidate, e.rank]));
  if (!election.allowNoOpinion) {
    // Elekto ignored allow_no_opinion; its documentation says False means every candidate is ranked.
    const missing = ids.filter((id) => (rankOf.get(id) ?? NO_OPINION_RANK) === NO_OPINION_RANK);
    if (missing.length > 0) {
      throw new DomainError('INVALID_BALLOT', `This election asks you to rank every candidate; not ranked: ${missing.join(', ')}.`, {
        missing,
      });
    }
  }
  return denseEntries(ids.map((candidate) => ({ candidate, rank: rankOf.get(candidate) ?? NO_OPINION_RANK })));
}
