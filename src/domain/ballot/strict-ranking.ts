import { type ElectionMethod, isStvMethod } from '../election/election.js';
import { DomainError } from '../errors.js';
import type { Ranking } from './ranking.js';

/**
 * An STV ballot is an order, one candidate per rank: its vote goes to the first continuing
 * candidate, and a tie would leave it nowhere to go. Candidates left unranked are not preferred
 * (the ballot exhausts before them). The Condorcet methods take ties as they are.
 */
export function requireRankingFitsMethod(ranking: Ranking, method: ElectionMethod): void {
  if (!isStvMethod(method)) return;
  const tied = ranking.findIndex((tier) => tier.length > 1);
  if (tied < 0) return;
  const names = ranking[tied]!;
  throw new DomainError(
    'TIED_RANKS',
    `This election fills its seats by the Single Transferable Vote, which needs one candidate per rank: ${names.map((c) => `"${c}"`).join(' and ')} share rank ${tied + 1}. Give each a different rank, or leave some unranked (not preferred).`,
    { rank: tied + 1, candidates: [...names] },
  );
}

/** Whether a ballot of `method` may give several candidates one rank (the form offers ties only then). */
export function methodAllowsTies(method: ElectionMethod): boolean {
  return !isStvMethod(method);
}
