import { DomainError } from '../../errors.js';
import { formatUnits, mulDivUp, mulUp, SCALE } from './fixed-point.js';
import { SeededDraw } from './seeded-draw.js';
import { packStvInput, type PackedBallots } from './stv-ballots.js';
import type { StvInput, StvResult } from './stv-types.js';

/**
 * The most committees (outcomes) CPO-STV will compare. Every pair is compared by a count over all
 * the ballots, so the work grows with the square of this number: 300 outcomes are 44,850 counts
 * (10 candidates for 3 seats are 120 outcomes, 10 for 4 are 210, 10 for 5 are 252).
 */
export const CPO_MAX_OUTCOMES = 300;
/**
 * A comparison's keep values stop moving once the surpluses of the candidates in both outcomes are
 * at most 10⁻⁶ of a vote together (Meek's count goes to 10⁻⁸; a comparison only needs two totals,
 * and it runs tens of thousands of times).
 */
export const CPO_SURPLUS_TOLERANCE = 1000;

/**
 * CPO-STV, Tideman's Comparison of Pairs of Outcomes by the Single Transferable Vote (N. Tideman,
 * "The Single Transferable Vote", Journal of Economic Perspectives 9(1), 1995; Tideman and
 * Richardson, "Better voting methods through technology", Public Choice 103, 2000). Each possible
 * committee is an outcome; two outcomes are compared by excluding the candidates in neither,
 * transferring the surpluses of the candidates in both (Meek's keep values, against the fixed
 * Hagenbach-Bischoff quota), and adding up the votes of each outcome's members. The outcome that
 * beats every other wins; without one, Schulze's beatpath method (margins) completes the choice.
 * Candidates with more than a quota of first preferences are in every outcome compared (unless the
 * seat cap passes them over); outcomes that break the seat cap are not considered.
 */
export function cpoStv(input: StvInput): StvResult {
  const packed = packStvInput(input);
  const { candidates } = input;
  const n = candidates.length;
  const quota = Math.floor((packed.total * SCALE) / (input.seats + 1));
  const first = firstPreferences(packed, n);
  // Sure of a seat: more than a quota of first preferences, unless the seat cap passes them over.
  const sure: number[] = [];
  for (const c of range(n)
    .filter((x) => first[x]! > quota)
    .sort((x, y) => first[y]! - first[x]!)) {
    if (withinCap(input, [...sure, c])) sure.push(c);
  }
  const draw = new SeededDraw(input.seed);

  let size = Math.min(input.seats, n);
  let outcomes = enumerateOutcomes(input, size, sure);
  while (outcomes.length === 0 && size > 0) outcomes = enumerateOutcomes(input, --size, sure);
  const label = (o: readonly number[]): string => o.map((c) => candidates[c]).join(' + ');

  const m = outcomes.length;
  const margin = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const r = compareOutcomes(packed, n, outcomes[i]!, outcomes[j]!, quota);
      margin[i * m + j] = r.a - r.b;
      margin[j * m + i] = r.b - r.a;
    }
  }
  const condorcet = range(m).find((i) => range(m).every((j) => j === i || margin[i * m + j]! > 0));
  let chosen: number;
  let how: string;
  if (condorcet !== undefined) {
    chosen = condorcet;
    how = m === 1 ? 'it is the only outcome to consider' : `it beats each of the other ${m - 1} outcomes`;
  } else {
    const best = schulzeWinners(margin, m);
    const name =
      best.length === 1
        ? label(outcomes[best[0]!]!)
        : draw.pick(
            best.map((i) => label(outcomes[i]!)),
            1,
            'elect',
          );
    chosen = best.find((i) => label(outcomes[i]!) === name)!;
    how =
      best.length === 1
        ? 'no outcome beats every other, and Schulze’s beatpath completion ranks it first'
        : `no outcome beats every other; Schulze’s completion ties ${best.length} outcomes and the lot chose it`;
  }

  const members = new Set(outcomes[chosen]);
  const winners = [...members].sort((a, b) => first[b]! - first[a]! || candidates[a]!.localeCompare(candidates[b]!)).map((c) => candidates[c]!);
  const exhausted = packed.total * SCALE - first.reduce((s, v) => s + v, 0);
  const short = size < input.seats ? ` Only ${size} seat${size === 1 ? '' : 's'} can be filled within the seat cap.` : '';
  return {
    method: 'cpo-stv',
    seats: input.seats,
    winners,
    rounds: [
      {
        number: 1,
        quota: formatUnits(quota),
        candidates: candidates.map((candidate, c) => ({
          candidate,
          votes: formatUnits(first[c]!),
          state: members.has(c) ? 'elected' : 'excluded',
        })),
        elected: winners,
        excluded: candidates.filter((_, c) => !members.has(c)),
        transferred: null,
        exhausted: formatUnits(exhausted),
        summary: `${m} outcome${m === 1 ? '' : 's'} of ${size} compared pairwise (${(m * (m - 1)) / 2} comparisons); ${label(outcomes[chosen]!)} wins: ${how}.${short}`,
      },
    ],
    draws: draw.draws,
    seed: input.seed,
  };
}

/**
 * One comparison of two outcomes: candidates in neither are excluded (keep value 0), candidates in
 * one keep all their votes (keep value 1), candidates in both pass their surplus over `quota` on
 * by Meek's keep values. Returns each outcome's total votes, in units.
 */
export function compareOutcomes(ballots: PackedBallots, n: number, a: readonly number[], b: readonly number[], quota: number): { a: number; b: number } {
  const keep = new Float64Array(n);
  const inA = new Uint8Array(n);
  const inB = new Uint8Array(n);
  for (const c of a) inA[c] = 1;
  for (const c of b) inB[c] = 1;
  const both: number[] = [];
  for (let c = 0; c < n; c++) {
    if (inA[c] || inB[c]) keep[c] = SCALE;
    if (inA[c] && inB[c]) both.push(c);
  }
  // A ballot whose first continuing candidate keeps everything (keep value 1) never changes while
  // the keep values of the candidates in both move: count it once, iterate over the others only.
  const fixed = new Float64Array(n);
  const moving: number[] = [];
  const { prefs, start, weight } = ballots;
  for (let i = 0; i < weight.length; i++) {
    for (let j = start[i]!, end = start[i + 1]!; j < end; j++) {
      const k = keep[prefs[j]!]!;
      if (k === 0) continue;
      if (inA[prefs[j]!]! && inB[prefs[j]!]!) moving.push(i);
      else fixed[prefs[j]!]! += weight[i]! * SCALE;
      break;
    }
  }
  const votes = new Float64Array(n);
  let previous = Infinity;
  for (;;) {
    votes.set(fixed);
    distribute(ballots, moving, keep, votes);
    let surplus = 0;
    for (const c of both) surplus += Math.max(0, votes[c]! - quota);
    if (surplus <= CPO_SURPLUS_TOLERANCE || surplus >= previous) break;
    previous = surplus;
    for (const c of both) if (votes[c]! > 0) keep[c] = Math.min(SCALE, mulDivUp(keep[c]!, quota, votes[c]!));
  }
  let sa = 0;
  let sb = 0;
  for (const c of a) sa += votes[c]!;
  for (const c of b) sb += votes[c]!;
  return { a: sa, b: sb };
}

/** Adds the given ballots' shares to `votes`. */
function distribute({ prefs, start, weight }: PackedBallots, which: readonly number[], keep: Float64Array, votes: Float64Array): void {
  for (const i of which) {
    const m = weight[i]!;
    let w = SCALE;
    for (let j = start[i]!, end = start[i + 1]!; j < end; j++) {
      const k = keep[prefs[j]!]!;
      if (k === 0) continue;
      const give = k === SCALE ? w : mulUp(w, k);
      votes[prefs[j]!]! += give * m;
      w -= give;
      if (w === 0) break;
    }
  }
}

function firstPreferences({ prefs, start, weight }: PackedBallots, n: number): Float64Array {
  const first = new Float64Array(n);
  for (let i = 0; i < weight.length; i++) if (start[i + 1]! > start[i]!) first[prefs[start[i]!]!]! += weight[i]! * SCALE;
  return first;
}

/** Every committee of `size` holding all of `sure` and keeping within the seat cap; refuses past the limit. */
function enumerateOutcomes(input: StvInput, size: number, sure: readonly number[]): number[][] {
  const n = input.candidates.length;
  const must = sure.slice(0, size);
  const free = range(n).filter((c) => !must.includes(c));
  const pick = size - must.length;
  const count = binomial(free.length, pick);
  if (count > CPO_MAX_OUTCOMES) {
    throw new DomainError(
      'INVALID_TALLY_INPUT',
      `CPO-STV would have to compare ${count} outcomes (${free.length} candidates for ${pick} open seat${pick === 1 ? '' : 's'}); it compares at most ${CPO_MAX_OUTCOMES}. Use stv-meek, or fewer candidates or seats.`,
      { outcomes: count, limit: CPO_MAX_OUTCOMES },
    );
  }
  const out: number[][] = [];
  const chosen: number[] = [];
  const walk = (from: number): void => {
    if (chosen.length === pick) {
      const outcome = [...must, ...chosen].sort((x, y) => x - y);
      if (withinCap(input, outcome)) out.push(outcome);
      return;
    }
    for (let i = from; i <= free.length - (pick - chosen.length); i++) {
      chosen.push(free[i]!);
      walk(i + 1);
      chosen.pop();
    }
  };
  walk(0);
  return out;
}

function withinCap(input: StvInput, outcome: readonly number[]): boolean {
  const cap = input.seatCap;
  if (!cap) return true;
  const held = new Map<string, number>();
  for (const c of outcome) {
    const g = cap.groupOf[c];
    if (g === undefined) continue;
    const k = (held.get(g) ?? 0) + 1;
    if (k > cap.limit) return false;
    held.set(g, k);
  }
  return true;
}

/** Schulze's winners over outcomes, with margins as the strength of a defeat. */
function schulzeWinners(margin: Float64Array, m: number): number[] {
  const p = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) p[i] = Math.max(0, margin[i]!);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < m; i++) {
      if (i === k) continue;
      const ik = p[i * m + k]!;
      if (ik === 0) continue;
      for (let j = 0; j < m; j++) {
        if (j === i || j === k) continue;
        const via = Math.min(ik, p[k * m + j]!);
        if (via > p[i * m + j]!) p[i * m + j] = via;
      }
    }
  }
  return range(m).filter((i) => range(m).every((j) => j === i || p[i * m + j]! >= p[j * m + i]!));
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
