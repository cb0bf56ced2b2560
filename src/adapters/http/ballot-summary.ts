import type { Ranking } from '../../domain/ballot/ranking.js';

export interface BallotSummary {
  /** The ranked tiers, best first: "Grace Hopper > Ada Lovelace = Alan Turing". */
  readonly ranked: string;
  /** Names left at "No opinion", in the order the ballot showed them. */
  readonly noOpinion: readonly string[];
}

/**
 * What a ballot says, in one line, as public/js/ballot.js writes it while the voter ranks (keep the
 * two in step). Candidates no longer in the election are left out.
 */
export function ballotSummary(ranking: Ranking | null, candidates: ReadonlyArray<{ readonly id: string; readonly name: string }>): BallotSummary | null {
  if (!ranking || ranking.length === 0) return null;
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const tiers = ranking.map((tier) => tier.flatMap((id) => names.get(id) ?? [])).filter((tier) => tier.length > 0);
  const ranked = new Set(ranking.flat());
  return {
    ranked: tiers.map((tier) => tier.join(' = ')).join(' > '),
    noOpinion: candidates.filter((c) => !ranked.has(c.id)).map((c) => c.name),
  };
}
