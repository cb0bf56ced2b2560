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
const UNIT_FOLD_AT = 2 ** 31 - 1;

export class PairwiseAccumulator {
  readonly candidates: readonly string[];
  readonly unranked: UnrankedPolicy;
  private readonly n: number;
  private readonly counts: Float64Array;
  /** Ballots of weight 1 (nearly all) count here: integer adds are ~2.5× cheaper than float ones. */
  private readonly unitCounts: Int32Array;
  private unitBallots = 0;
  private readonly foldAt: number;
  private readonly rankOf: Float64Array;
  private readonly rankedIdx: Int32Array;
  private readonly entryRanks: Float64Array;
  private readonly indexOf: Map<string, number>;
  private total = 0;

  /** `foldUnitBallotsAt` exists for tests of the overflow guard; leave it at its default. */
  constructor(candidates: readonly string[], unranked: UnrankedPolicy = 'no-opinion', options: { foldUnitBallotsAt?: number } = {}) {
    checkCandidates(candidates);
    if (unranked !== 'no-opinion' && unranked !== 'last') {
      throw new DomainError('INVALID_TALLY_INPUT', `Unknown unranked policy "${String(unranked)}".`);
    }
    this.candidates = [...candidates];
    this.unranked = unranked;
    this.n = candidates.length;
    this.counts = new Float64Array(this.n * this.n);
    this.unitCounts = new Int32Array(this.n * this.n);
    this.foldAt = Math.min(options.foldUnitBallotsAt ?? UNIT_FOLD_AT, UNIT_FOLD_AT);
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
    if (weight === 1) {
      // An Int32 cell cannot overflow before this many unit ballots; fold them into the floats first.
      if (this.unitBallots === this.foldAt) this.foldUnitCounts();
      this.unitBallots++;
      this.countUnit(r, idx, k);
    } else {
      this.countWeighted(r, idx, k, weight);
    }
  }

  // Branch-free adds ((a < b) | 0): which side of a pair wins is unpredictable from one ballot to
  // the next, and mispredicted branches cost more than the extra add.
  private countUnit(r: Float64Array, idx: Int32Array, k: number): void {
    const n = this.n;
    const d = this.unitCounts;
    if (this.unranked === 'no-opinion') {
      for (let a = 0; a < k; a++) {
        const i = idx[a]!;
        const ri = r[i]!;
        const row = i * n;
        for (let b = a + 1; b < k; b++) {
          const j = idx[b]!;
          const rj = r[j]!;
          d[row + j]! += ((ri < rj) as unknown as number) | 0;
          d[j * n + i]! += ((rj < ri) as unknown as number) | 0;
        }
      }
    } else {
      // Unranked sit at +Infinity: each ranked i beats every j ranked worse or not at all.
      for (let a = 0; a < k; a++) {
        const i = idx[a]!;
        const ri = r[i]!;
        const row = i * n;
        for (let j = 0; j < n; j++) d[row + j]! += ((ri < r[j]!) as unknown as number) | 0;
      }
    }
  }

  // The same loops as countUnit on purpose: one loop over both array types would be polymorphic,
  // and the hot path would lose what the Int32 counts gain.
  private countWeighted(r: Float64Array, idx: Int32Array, k: number, weight: number): void {
    const n = this.n;
    const d = this.counts;
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
      for (let a = 0; a < k; a++) {
        const i = idx[a]!;
        const ri = r[i]!;
        const row = i * n;
        for (let j = 0; j < n; j++) d[row + j]! += weight * +(ri < r[j]!);
      }
    }
  }

  private foldUnitCounts(): void {
    for (let c = 0; c < this.counts.length; c++) this.counts[c]! += this.unitCounts[c]!;
    this.unitCounts.fill(0);
    this.unitBallots = 0;
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
    const counts = this.counts.slice();
    for (let c = 0; c < counts.length; c++) counts[c]! += this.unitCounts[c]!;
    return { candidates: this.candidates, ballots: this.total, counts };
  }
}
