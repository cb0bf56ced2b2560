import { denseRanks } from '../ballot/dense-ranks.js';
import { NO_OPINION_RANK, type RankEntry } from '../ballot/ranking.js';
import type { BulletinBallot } from './bulletin.js';

/**
 * One stored ballot as the bulletin shows it: every candidate of the election, ranks made dense,
 * unranked as null. Lines the tally skips (an unknown candidate, a second line for one candidate, a
 * rank that is not a whole number from 1 up) are skipped here too, so the bulletin recounts to the
 * officers' result.
 */
export function bulletinBallot(candidates: readonly string[], entries: readonly RankEntry[], tracker: string | null = null): BulletinBallot {
  const index = new Map(candidates.map((c, i) => [c, i]));
  const raw: number[] = new Array<number>(candidates.length).fill(0);
  for (const { candidate, rank } of entries) {
    const i = index.get(candidate);
    if (i === undefined || raw[i] !== 0) continue;
    raw[i] = Number.isSafeInteger(rank) && rank >= 1 ? rank : NO_OPINION_RANK;
  }
  const dense = denseRanks(raw);
  // fromEntries makes own members even of odd ids such as "__proto__", which assignment would not.
  const ranks = Object.fromEntries(candidates.map((c, i) => [c, dense[i] === NO_OPINION_RANK ? null : dense[i]!]));
  return { tracker, ranks };
}

/** The canonical order: ascending ballot hash. Identical ballots hash alike, so ties cannot leak an order. */
export function sortBallots(ballots: readonly BulletinBallot[], ballotHash: (ballot: BulletinBallot) => string): BulletinBallot[] {
  return ballots
    .map((ballot) => ({ ballot, hash: ballotHash(ballot) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
    .map((h) => h.ballot);
}
