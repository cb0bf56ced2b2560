import { formatUnits, mulDivUp, mulUp, SCALE } from './fixed-point.js';
import { SeededDraw } from './seeded-draw.js';
import { packStvInput, SeatCapLedger, type PackedBallots } from './stv-ballots.js';
import type { StvCandidateState, StvInput, StvResult, StvRound } from './stv-types.js';

/**
 * The keep-value iteration stops once the elected candidates' surpluses together fall to this many
 * units (10⁻⁸ of a vote), or stop shrinking. Algorithm 123 stops at 10⁻⁵; we go further so that
 * hopefuls 10⁻⁷ of a vote apart are told apart (a hopeful's total is off by at most this surplus).
 */
export const MEEK_SURPLUS_TOLERANCE = 10;
/** A safety stop; convergence is geometric and takes far fewer iterations in practice. */
const MAX_ITERATIONS = 100_000;

/**
 * Meek's method after Hill, Wichmann and Woodall, "Algorithm 123 — Single Transferable Vote by
 * Meek's method" (The Computer Journal 30(3), 1987): every candidate has a keep value (1 while
 * hopeful, 0 once excluded); each ballot gives each candidate in turn its keep value times what is
 * left of it and passes the rest on; what passes the last preference is excess. The quota is
 * (votes − excess)/(seats + 1); elected candidates' keep values are scaled by quota/votes until the
 * surpluses converge; then a hopeful at the quota is elected, or the lowest hopeful is excluded.
 * Arithmetic, rounding and tolerance: see fixed-point.ts and docs/tally.md.
 */
export function meekStv(input: StvInput): StvResult {
  const packed = packStvInput(input);
  return new MeekCount(input, packed).run();
}

class MeekCount {
  private readonly n: number;
  private readonly state: StvCandidateState[];
  private readonly keep: Float64Array;
  private readonly votes: Float64Array;
  private readonly draw: SeededDraw;
  private readonly cap: SeatCapLedger;
  private readonly winners: string[] = [];
  private readonly rounds: StvRound[] = [];
  private excess = 0;
  private quota = 0;

  constructor(
    private readonly input: StvInput,
    private readonly ballots: PackedBallots,
  ) {
    this.n = input.candidates.length;
    this.state = new Array<StvCandidateState>(this.n).fill('hopeful');
    this.keep = new Float64Array(this.n).fill(SCALE);
    this.votes = new Float64Array(this.n);
    this.draw = new SeededDraw(input.seed);
    this.cap = new SeatCapLedger(input);
  }

  run(): StvResult {
    const { candidates, seats } = this.input;
    let movedLast: string | null = null;
    for (let round = 1; ; round++) {
      const hopefuls = this.indexes('hopeful');
      if (this.winners.length >= seats || hopefuls.length === 0) break;
      const newly = this.settle(hopefuls);
      const keepUsed = Float64Array.from(this.keep);
      const transferred = movedLast ?? this.surplusHolders();
      const elected: string[] = [];
      const excluded: string[] = [];
      const notes: string[] = [];
      movedLast = null;
      const q = formatUnits(this.quota);

      if (newly.length > 0 || this.winners.length + hopefuls.length <= seats) {
        const reached = newly.length > 0;
        for (const c of this.byVotesDescending(reached ? newly : hopefuls, round)) {
          if (this.winners.length >= seats) break;
          const refusal = this.cap.refusal(c);
          if (refusal) {
            this.state[c] = 'passed-over';
            this.keep[c] = 0;
            excluded.push(candidates[c]!);
            notes.push(`${candidates[c]} is passed over: ${refusal}.`);
            movedLast = candidates[c]!;
          } else {
            this.state[c] = 'elected';
            this.cap.seat(c);
            this.winners.push(candidates[c]!);
            elected.push(candidates[c]!);
          }
        }
        const who = elected.join(', ');
        const lead = reached
          ? `${who || 'Nobody'} reached the quota of ${q}${elected.length ? ` and ${elected.length === 1 ? 'is' : 'are'} elected` : ''}.`
          : `${hopefuls.length} hopeful candidate${hopefuls.length === 1 ? '' : 's'} remain${hopefuls.length === 1 ? 's' : ''} for ${seats - (this.winners.length - elected.length)} seat${seats - (this.winners.length - elected.length) === 1 ? '' : 's'}${elected.length ? `: ${who} ${elected.length === 1 ? 'is' : 'are'} elected` : ''}.`;
        notes.unshift(lead);
      } else {
        const c = this.lowest(hopefuls, round);
        this.state[c] = 'excluded';
        this.keep[c] = 0;
        excluded.push(candidates[c]!);
        movedLast = candidates[c]!;
        const tie = this.draw.draws.at(-1);
        const byLot =
          tie && tie.round === round && tie.purpose === 'exclude' ? ` (tied with ${tie.among.filter((x) => x !== tie.chosen).join(', ')}; chosen by lot)` : '';
        notes.push(
          `No hopeful candidate reached the quota of ${q}; ${candidates[c]} has the fewest votes (${formatUnits(this.votes[c]!)})${byLot} and is excluded.`,
        );
      }
      this.rounds.push({
        number: round,
        quota: q,
        candidates: candidates.map((candidate, c) => ({
          candidate,
          votes: formatUnits(this.votes[c]!),
          keepValue: formatUnits(keepUsed[c]!),
          state: this.state[c]!,
        })),
        elected,
        excluded,
        transferred,
        exhausted: formatUnits(this.excess),
        summary: notes.join(' '),
      });
    }
    return { method: 'stv-meek', seats, winners: this.winners, rounds: this.rounds, draws: this.draw.draws, seed: this.input.seed };
  }

  /**
   * Iterates the keep values until a hopeful reaches the quota (returned) or the surpluses have
   * converged (empty list). Keep values are rounded up, so an elected candidate never falls below
   * the quota by rounding alone.
   */
  private settle(hopefuls: readonly number[]): number[] {
    const electedNow = this.indexes('elected');
    let previous = Infinity;
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      this.distribute();
      const reached = hopefuls.filter((c) => this.votes[c]! >= this.quota);
      if (reached.length > 0) return reached;
      let surplus = 0;
      for (const c of electedNow) surplus += Math.max(0, this.votes[c]! - this.quota);
      if (surplus <= MEEK_SURPLUS_TOLERANCE || surplus >= previous) return [];
      previous = surplus;
      for (const c of electedNow) {
        const v = this.votes[c]!;
        if (v > 0) this.keep[c] = Math.min(SCALE, mulDivUp(this.keep[c]!, this.quota, v));
      }
    }
    return [];
  }

  /** One pass over the ballots: votes, excess, and the quota they give. */
  private distribute(): void {
    const { prefs, start, weight, total } = this.ballots;
    const keep = this.keep;
    const votes = this.votes;
    votes.fill(0);
    let excess = 0;
    const count = weight.length;
    for (let b = 0; b < count; b++) {
      const m = weight[b]!;
      let w = SCALE;
      for (let j = start[b]!, end = start[b + 1]!; j < end; j++) {
        const c = prefs[j]!;
        const k = keep[c]!;
        if (k === 0) continue;
        const give = k === SCALE ? w : mulUp(w, k);
        votes[c]! += give * m;
        w -= give;
        if (w === 0) break;
      }
      excess += w * m;
    }
    this.excess = excess;
    this.quota = Math.floor((total * SCALE - excess) / (this.input.seats + 1)) + 1;
  }

  private indexes(state: StvCandidateState): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.n; c++) if (this.state[c] === state) out.push(c);
    return out;
  }

  private surplusHolders(): string | null {
    const names = this.indexes('elected')
      .filter((c) => this.keep[c]! < SCALE)
      .map((c) => this.input.candidates[c]!);
    return names.length ? names.join(', ') : null;
  }

  /** Most votes first; exact ties (same units) are ordered by lot. */
  private byVotesDescending(list: readonly number[], round: number): number[] {
    const groups = new Map<number, number[]>();
    for (const c of list) groups.set(this.votes[c]!, [...(groups.get(this.votes[c]!) ?? []), c]);
    const out: number[] = [];
    for (const v of [...groups.keys()].sort((a, b) => b - a)) {
      let tied = groups.get(v)!;
      while (tied.length > 0) {
        const name = this.draw.pick(
          tied.map((c) => this.input.candidates[c]!),
          round,
          'order',
        );
        const c = tied.find((x) => this.input.candidates[x] === name)!;
        out.push(c);
        tied = tied.filter((x) => x !== c);
      }
    }
    return out;
  }

  /** The hopeful with the fewest votes; an exact tie is broken by lot (Algorithm 123 draws at random). */
  private lowest(hopefuls: readonly number[], round: number): number {
    let min = Infinity;
    for (const c of hopefuls) min = Math.min(min, this.votes[c]!);
    const tied = hopefuls.filter((c) => this.votes[c] === min);
    if (tied.length === 1) return tied[0]!;
    const name = this.draw.pick(
      tied.map((c) => this.input.candidates[c]!),
      round,
      'exclude',
    );
    return tied.find((c) => this.input.candidates[c] === name)!;
  }
}
