import { PairwiseAccumulator } from '../tally/pairwise-accumulator.js';
import { tally } from '../tally/tally.js';
import type { TallyResult } from '../tally/types.js';
import type { BulletinBody, BulletinResult } from './bulletin.js';

/** Counts the bulletin's ballots with the method it names: the same engine as the officers' results. */
export function tallyBulletin({ election, ballots }: Pick<BulletinBody, 'election' | 'ballots'>): TallyResult {
  const { candidates, method, seatCap, seats } = election;
  const accumulator = new PairwiseAccumulator(candidates, method.unranked);
  const ranks = new Float64Array(candidates.length);
  for (const ballot of ballots) {
    candidates.forEach((c, i) => (ranks[i] = ballot.ranks[c] ?? 0));
    accumulator.addRanks(ranks);
  }
  const valueOf = seatCap ? Object.fromEntries(candidates.map((c) => [c, seatCap.values[c] ?? undefined])) : {};
  return tally(accumulator.matrix(), {
    method: method.name,
    strength: method.strength,
    seats,
    ...(seatCap ? { seatCap: { field: seatCap.field, limit: seatCap.limit, valueOf } } : {}),
  });
}

export function bulletinResult(t: TallyResult): BulletinResult {
  return { ranking: t.ranking.map((tier) => [...tier]), winners: [...t.winners], tieAtCutoff: t.tieAtCutoff };
}
