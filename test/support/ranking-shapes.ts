import { NO_OPINION_RANK as NO, type RankEntry } from '../../src/domain/ballot/ranking.js';

/**
 * Every shape of ranking the secrecy issue names, over the given candidates: one ranked, the last one
 * ranked, half, all, reversed, all tied, two tiers, large and huge rank numbers.
 */
export function rankingShapes(ids: readonly string[]): RankEntry[][] {
  const n = ids.length;
  const of = (rank: (i: number) => number) => ids.map((candidate, i) => ({ candidate, rank: rank(i) }));
  return [
    of((i) => (i === 0 ? 1 : NO)),
    of((i) => (i === n - 1 ? 1 : NO)),
    of((i) => (i < n / 2 ? i + 1 : NO)),
    of((i) => i + 1),
    of((i) => n - i),
    of(() => 1),
    of((i) => (i % 2 === 0 ? 1 : 2)),
    of((i) => 271828 + 1000 * i),
    of((i) => (i === 0 ? Number.MAX_SAFE_INTEGER : NO)),
    of(() => Number.MAX_SAFE_INTEGER),
  ];
}
