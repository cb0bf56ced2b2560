import { NO_OPINION_RANK, type RankEntry } from '../ballot/ranking.js';
import { DomainError } from '../errors.js';
import { checkCandidates } from './pairwise-matrix.js';
import type { PairwiseMatrix, UnrankedPolicy } from './types.js';

/**
 * Counts ballots into an n×n pairwise matrix held in a Float64Array (weights may be fractional;
 * integers stay exact up to 2^53). Adding a ballot is O(k·n) for k ranked candidates, touches only
 * typed arrays and allocates nothing: the per-ballot work reuses two scratch buffers.
 *
 * 'no-opinion' (Elekto): a pair counts only when the voter ranked both candidates.
 * 'last': unranked candidates are tied below every ranked one (so they lose to each ranked one).
 * Equal ranks count for neither side in both policies.
 */
export class PairwiseAccumulator {
  readonly candidates: readonly string[];
  readonly unranked: UnrankedPolicy;
  private readonly n: number;
  private readonly counts: Float64Array;
  private readonly rankOf: Float64Array;
  private readonly rankedIdx: Int32Array;
  private readonly entryRanks: Float64Array;
  private readonly indexOf: Map<string, number>;
  private total = 0;

  constructor(candidates: readonly string[], unranked: UnrankedPolicy = 'no-opinion') {
    checkCandidates(candidates);
    if (unranked !== 'no-opinion' && unranked !== 'last') {
      throw new DomainError('INVALID_TALLY_INPUT', `Unknown unranked policy "${String(unranked)}".`);
    }
    this.candidates = [...candidates];
    this.unranked = unranked;
    this.n = candidates.length;
    this.counts = new Float64Array(this.n * this.n);
    this.rankOf = new Float64Array(this.n);
    this.rankedIdx = new Int32Array(this.n);
    this.entryRanks = new Float64Array(this.n);
    this.indexOf = new Map(candidates.map((c, i) => [c, i]));
  }

  /** Total weight counted so far. */
  get ballots(): number {
    return this.total;
  }

  /** ranks[i] = rank of candidates[i]; 0, NaN or NO_OPINION_RANK = unranked; 1 = best. */
  addRanks(ranks: ArrayLike<number>, weight = 1): void {
    const n = this.n;
    if (ranks.length !== n) {
      throw new DomainError('INVALID_TALLY_INPUT', `A ballot has ${ranks.length} ranks; there are ${n} candidates.`);
    }
    if (!(weight >= 0) || weight === Infinity) {
      throw new DomainError('INVALID_TALLY_INPUT', `A ballot weight must be a finite number ≥ 0, not ${weight}.`);
    }
    const r = this.rankOf;
    const idx = this.rankedIdx;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = ranks[i]!;
      if (v === 0 || v !== v || v === NO_OPINION_RANK) {
        r[i] = Infinity;
      } else if (v > 0 && v !== Infinity) {
        r[i] = v;
        idx[k++] = i;
      } else {
        throw new DomainError('INVALID_TALLY_INPUT', `Rank ${v} for "${this.candidates[i]}" is not a positive number.`);
      }
    }
    this.total += weight;
    if (weight === 0) return;
    const d = this.counts;
    // Branch-free adds (weight × 0 or 1): which side of a pair wins is unpredictable from one
    // ballot to the next, and mispredicted branches cost more than the extra add (≈2× here).
    if (this.unranked === 'no-opinion') {
      for (let a = 0; a < k; a++) {
        const i = idx[a]!;
        const ri = r[i]!;
        const row = i * n;
        for (let b = a + 1; b < k; b++) {
          const j = idx[b]!;
          const rj = r[j]!;
          d[row + j]! += weight * +(ri < rj);
          d[j * n + i]! += weight * +(rj < ri);
        }
      }
    } else {
      // Unranked sit at +Infinity: each ranked i beats every j ranked worse or not at all.
      for (let a = 0; a < k; a++) {
        const i = idx[a]!;
        const ri = r[i]!;
        const row = i * n;
        for (let j = 0; j < n; j++) d[row + j]! += weight * +(ri < r[j]!);
      }
    }
  }

  /** One ballot as stored lines; candidates not listed are unranked. */
  addEntries(entries: readonly RankEntry[], weight = 1): void {
    const ranks = this.entryRanks;
    ranks.fill(0);
    for (const { candidate, rank } of entries) {
      const i = this.indexOf.get(candidate);
      if (i === undefined) {
        throw new DomainError('INVALID_TALLY_INPUT', `"${candidate}" is not a candidate of this tally.`, { candidate });
      }
      if (ranks[i] !== 0) {
        throw new DomainError('INVALID_TALLY_INPUT', `"${candidate}" is ranked twice on one ballot.`, { candidate });
      }
      if (rank !== NO_OPINION_RANK && !(rank >= 1 && Number.isFinite(rank))) {
        throw new DomainError('INVALID_TALLY_INPUT', `Rank ${rank} for "${candidate}" is not a rank from 1 up.`, { candidate, rank });
      }
      ranks[i] = rank === NO_OPINION_RANK ? NaN : rank;
    }
    this.addRanks(ranks, weight);
  }

  /** A snapshot: later ballots do not change a matrix already handed out. */
  matrix(): PairwiseMatrix {
    return { candidates: this.candidates, ballots: this.total, counts: this.counts.slice() };
  }
}
