import { NO_OPINION_RANK } from '../../domain/ballot/ranking.js';
import { type Election, candidateIds } from '../../domain/election/election.js';
import { PairwiseAccumulator, StvBallotCollector, type SeatCapRule, type StvInput, type UnrankedPolicy } from '../../domain/tally/index.js';
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
  const accumulator = new PairwiseAccumulator(candidateIds(election), unranked);
  const ignored = await readBallotRanks(election, ballots, (ranks) => accumulator.addRanks(ranks));
  return { accumulator, ignored };
}

/**
 * The same stream for an STV count: distinct rankings with their weights (full ballots, not the
 * matrix; see StvBallotCollector for unranked candidates and stored ties).
 */
export async function collectStvBallots(
  election: Election,
  ballots: AsyncIterable<StoredBallot>,
): Promise<{ collector: StvBallotCollector; ignored: IgnoredEntries }> {
  const collector = new StvBallotCollector(candidateIds(election));
  const ignored = await readBallotRanks(election, ballots, (ranks) => collector.addRanks(ranks));
  return { collector, ignored };
}

/** Each stored ballot as one rank per candidate (0 = not on the ballot), in one reused typed array. */
async function readBallotRanks(election: Election, ballots: AsyncIterable<StoredBallot>, onRanks: (ranks: Float64Array) => void): Promise<IgnoredEntries> {
  const ids = candidateIds(election);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
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
    onRanks(ranks);
  }
  return { entries: skipped, unknownCandidates: [...unknown].sort() };
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

/** The seat cap as the STV counts take it: one group per candidate, in the election's order. */
export function stvSeatCap(election: Election): StvInput['seatCap'] {
  const rule = seatCapRule(election);
  return rule ? { limit: rule.limit, groupOf: candidateIds(election).map((id) => rule.valueOf[id]) } : undefined;
}

/**
 * The seed of an STV count's draws: fixed by the election before any ballot is counted (its key and
 * close), published with the result, so anyone can repeat the count and nobody can pick it afterwards.
 */
export function stvSeed(election: Election): string {
  return `${election.key}@${election.endsAt.toISOString()}`;
}
