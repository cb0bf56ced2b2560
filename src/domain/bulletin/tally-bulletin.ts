import { isDomainError } from '../errors.js';
import { countStv, needsFullBallots } from '../tally/stv/count-stv.js';
import { StvBallotCollector } from '../tally/stv/stv-ballot-collector.js';
import type { StvInput, StvResult } from '../tally/stv/stv-types.js';
import { PairwiseAccumulator } from '../tally/pairwise-accumulator.js';
import { tally } from '../tally/tally.js';
import type { TallyResult } from '../tally/types.js';
import type {
  BulletinBody,
  BulletinElection,
  BulletinMethod,
  BulletinResult,
  CondorcetBulletinMethod,
  CondorcetBulletinResult,
  StvBulletinMethod,
  StvBulletinResult,
} from './bulletin.js';

type Counted = Pick<BulletinBody, 'election' | 'ballots'>;

export const isStvBulletinMethod = (m: BulletinMethod): m is StvBulletinMethod => needsFullBallots(m.name);
export const isStvBulletinResult = (r: BulletinResult): r is StvBulletinResult => 'draws' in r;

/**
 * The result a bulletin's ballots give under the method it names: Condorcet over the pairwise matrix,
 * STV over the full ballots with the recorded seed. The same engine as the officers' results.
 */
export function countBulletin(body: Counted): BulletinResult {
  const { method } = body.election;
  return isStvBulletinMethod(method) ? stvBulletinResult(countBulletinStv(body, method).stv) : bulletinResult(tallyBulletin(body));
}

/** Counts the bulletin's ballots with the Condorcet method it names. */
export function tallyBulletin({ election, ballots }: Counted): TallyResult {
  const { candidates, seatCap, seats } = election;
  const method = election.method as CondorcetBulletinMethod;
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

/** An STV count of a bulletin, or why the method refused it. */
export type StvCount = { readonly stv: StvResult; readonly refused: null } | { readonly stv: null; readonly refused: string };

/**
 * Counts the bulletin's ballots with the STV method it names, as the officers' results do: each
 * ballot read best rank first, unranked candidates not preferred, a tied rank ending the ballot there
 * (only ballots stored before the election counted by STV have one). Null when the method refuses
 * the count (CPO-STV past its limit of outcomes): the bulletin still fixes the ballots.
 */
export function countBulletinStv({ election, ballots }: Counted, method: StvBulletinMethod): StvCount {
  const { candidates } = election;
  const collector = new StvBallotCollector(candidates);
  const ranks = new Float64Array(candidates.length);
  for (const ballot of ballots) {
    candidates.forEach((c, i) => (ranks[i] = ballot.ranks[c] ?? 0));
    collector.addRanks(ranks);
  }
  try {
    return { stv: countStv(method.name, collector.input(election.seats, method.seed, stvSeatCap(election))), refused: null };
  } catch (e) {
    if (isDomainError(e, 'INVALID_TALLY_INPUT')) return { stv: null, refused: e.message };
    throw e;
  }
}

function stvSeatCap({ seatCap, candidates }: BulletinElection): StvInput['seatCap'] {
  return seatCap ? { limit: seatCap.limit, groupOf: candidates.map((c) => seatCap.values[c] ?? undefined) } : undefined;
}

export function bulletinResult(t: TallyResult): CondorcetBulletinResult {
  return { ranking: t.ranking.map((tier) => [...tier]), winners: [...t.winners], tieAtCutoff: t.tieAtCutoff };
}

export function stvBulletinResult(r: StvResult | null): StvBulletinResult {
  return {
    winners: r ? [...r.winners] : null,
    draws: r ? r.draws.map((d) => ({ round: d.round, among: [...d.among], chosen: d.chosen, purpose: d.purpose })) : [],
  };
}
