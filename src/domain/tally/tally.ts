import { DomainError } from '../errors.js';
import { copeland } from './copeland.js';
import { condorcetLoser, condorcetWinner, explain } from './explanations.js';
import { minimax } from './minimax.js';
import { toRecordMatrix } from './pairwise-matrix.js';
import { rankedPairs } from './ranked-pairs.js';
import { schulze } from './schulze.js';
import { allocateSeats } from './seat-allocation.js';
import type { PairStrength, PairwiseMatrix, TallyMethod, TallyOptions, TallyResult } from './types.js';

export const TALLY_METHODS: readonly TallyMethod[] = ['schulze', 'ranked-pairs', 'minimax', 'copeland'];
export const PAIR_STRENGTHS: readonly PairStrength[] = ['winning', 'margin', 'ratio'];

/** Counts a pairwise matrix with one method and fills the seats. Pure; O(n³) at most. */
export function tally(matrix: PairwiseMatrix, options: TallyOptions): TallyResult {
  checkOptions(matrix, options);
  const { candidates, counts } = matrix;
  const n = candidates.length;
  const names = (tiers: number[][]): string[][] => tiers.map((t) => t.map((i) => candidates[i]!));
  const scoreRecord = (s: Float64Array): Record<string, number> => Object.fromEntries(candidates.map((c, i) => [c, s[i]!]));

  let ranking: string[][];
  let extra: Pick<TallyResult, 'strongestPaths' | 'scores' | 'lockedPairs'> = {};
  switch (options.method) {
    case 'schulze': {
      const r = schulze(counts, n, options.strength);
      ranking = names(r.tiers);
      extra = { strongestPaths: toRecordMatrix(candidates, r.paths) };
      break;
    }
    case 'ranked-pairs': {
      const r = rankedPairs(counts, n, options.strength);
      ranking = names(r.tiers);
      extra = { lockedPairs: r.locked.map(([w, l]) => [candidates[w]!, candidates[l]!] as const) };
      break;
    }
    case 'minimax': {
      const r = minimax(counts, n, options.strength);
      ranking = names(r.tiers);
      extra = { scores: scoreRecord(r.scores) };
      break;
    }
    case 'copeland': {
      const r = copeland(counts, n);
      ranking = names(r.tiers);
      extra = { scores: scoreRecord(r.scores) };
      break;
    }
  }
  const seats = allocateSeats(ranking, options.seats, options.seatCap);
  const cw = condorcetWinner(counts, n);
  const cl = condorcetLoser(counts, n);
  return {
    method: options.method,
    strength: options.strength,
    candidates: [...candidates],
    ballots: matrix.ballots,
    ranking,
    ...seats,
    pairwise: toRecordMatrix(candidates, counts),
    ...extra,
    condorcetWinner: cw === null ? null : candidates[cw]!,
    condorcetLoser: cl === null ? null : candidates[cl]!,
    explanations: explain(candidates, counts, cw, cl),
  };
}

function checkOptions(matrix: PairwiseMatrix, o: TallyOptions): void {
  const n = matrix.candidates.length;
  if (matrix.counts.length !== n * n) {
    throw new DomainError('INVALID_TALLY_INPUT', `The pairwise matrix has ${matrix.counts.length} cells; ${n} candidates need ${n * n}.`);
  }
  if (!TALLY_METHODS.includes(o.method)) {
    throw new DomainError('INVALID_TALLY_INPUT', `Unknown tally method "${String(o.method)}" (use ${TALLY_METHODS.join(', ')}).`);
  }
  if (!PAIR_STRENGTHS.includes(o.strength)) {
    throw new DomainError('INVALID_TALLY_INPUT', `Unknown pair strength "${String(o.strength)}" (use ${PAIR_STRENGTHS.join(', ')}).`);
  }
  if (!Number.isSafeInteger(o.seats) || o.seats < 1) {
    throw new DomainError('INVALID_TALLY_INPUT', `The number of seats must be a whole number from 1 up, not ${o.seats}.`);
  }
  if (o.seatCap && (!Number.isSafeInteger(o.seatCap.limit) || o.seatCap.limit < 1)) {
    throw new DomainError('INVALID_TALLY_INPUT', `A seat cap must be a whole number from 1 up, not ${o.seatCap.limit}.`);
  }
}
