import { NO_OPINION_RANK } from '../../domain/ballot/ranking.js';
import { type Election, candidateIds } from '../../domain/election/election.js';
import { PairwiseAccumulator, type SeatCapRule, type UnrankedPolicy } from '../../domain/tally/index.js';
import type { StoredBallot } from '../ports/ballot-box.js';

/** Stored lines the tally could not use: Elekto stored whatever was posted (§7.6.4). */
export interface IgnoredEntries {
  readonly entries: number;
  /** Candidate ids found on ballots but not in the election (sorted). */
  readonly unknownCandidates: readonly string[];
}

/**
 * Feeds a stream of ballots into a pairwise matrix one ballot at a time, so memory stays O(n²)
 * whatever the number of ballots. Lines naming an unknown candidate, a bad rank or a candidate
 * already seen on that ballot are skipped and counted instead of failing the whole count.
 */
export async function accumulateBallots(
  election: Election,
  ballots: AsyncIterable<StoredBallot>,
  unranked: UnrankedPolicy = 'no-opinion',
): Promise<{ accumulator: PairwiseAccumulator; ignored: IgnoredEntries }> {
  const ids = candidateIds(election);
  const accumulator = new PairwiseAccumulator(ids, unranked);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  // One reused typed array per count (0 = not seen on this ballot): no allocation per ballot.
  const ranks = new Float64Array(ids.length);
  const unknown = new Set<string>();
  let skipped = 0;
  for await (const ballot of ballots) {
    ranks.fill(0);
    for (const { candidate, rank } of ballot.entries) {
      const i = indexOf.get(candidate);
      if (i === undefined) {
        skipped++;
        unknown.add(candidate);
      } else if (ranks[i] !== 0 || !(rank === NO_OPINION_RANK || (Number.isSafeInteger(rank) && rank >= 1))) {
        skipped++;
      } else {
        ranks[i] = rank;
      }
    }
    accumulator.addRanks(ranks);
  }
  return { accumulator, ignored: { entries: skipped, unknownCandidates: [...unknown].sort() } };
}

/**
 * The election's seat cap as the tally wants it. Values are compared trimmed and case-folded, so
 * "VMware" and "vmware " count as one employer (shown as the first spelling met); a candidate
 * without the field is never capped.
 */
export function seatCapRule(election: Election): SeatCapRule | undefined {
  const cap = election.seatCap;
  if (!cap) return undefined;
  const valueOf: Record<string, string | undefined> = {};
  const spelling = new Map<string, string>();
  for (const c of election.candidates) {
    const raw = c.info[cap.field]?.trim() ?? '';
    if (raw === '') {
      valueOf[c.id] = undefined;
      continue;
    }
    const folded = raw.toLowerCase();
    if (!spelling.has(folded)) spelling.set(folded, raw);
    valueOf[c.id] = spelling.get(folded);
  }
  return { field: cap.field, limit: cap.limit, valueOf };
}
