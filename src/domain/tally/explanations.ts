import type { CandidateExplanation, PairOutcome } from './types.js';

/** Condorcet winner: beats every other candidate head to head (null with fewer than 2 candidates). */
export function condorcetWinner(counts: Float64Array, n: number): number | null {
  if (n < 2) return null;
  for (let x = 0; x < n; x++) {
    let all = true;
    for (let y = 0; y < n && all; y++) if (x !== y && !(counts[x * n + y]! > counts[y * n + x]!)) all = false;
    if (all) return x;
  }
  return null;
}

/** Condorcet loser: loses to every other candidate head to head. */
export function condorcetLoser(counts: Float64Array, n: number): number | null {
  if (n < 2) return null;
  for (let x = 0; x < n; x++) {
    let all = true;
    for (let y = 0; y < n && all; y++) if (x !== y && !(counts[x * n + y]! < counts[y * n + x]!)) all = false;
    if (all) return x;
  }
  return null;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, ''));

export function explain(
  candidates: readonly string[],
  counts: Float64Array,
  winner: number | null,
  loser: number | null,
): Record<string, CandidateExplanation> {
  const n = candidates.length;
  const out: Record<string, CandidateExplanation> = {};
  for (let x = 0; x < n; x++) {
    const beats: PairOutcome[] = [];
    const losesTo: PairOutcome[] = [];
    const ties: PairOutcome[] = [];
    for (let y = 0; y < n; y++) {
      if (x === y) continue;
      const o = { opponent: candidates[y]!, for: counts[x * n + y]!, against: counts[y * n + x]! };
      (o.for > o.against ? beats : o.for < o.against ? losesTo : ties).push(o);
    }
    // Biggest wins and heaviest defeats first: the sentence leads with what decided the most.
    beats.sort((a, b) => b.for - b.against - (a.for - a.against));
    losesTo.sort((a, b) => b.against - b.for - (a.against - a.for));
    const facts = { beats, losesTo, ties, condorcetWinner: winner === x, condorcetLoser: loser === x };
    out[candidates[x]!] = { candidate: candidates[x]!, ...facts, summary: explanationSentence(facts) };
  }
  return out;
}

/**
 * The one-line explanation of a candidate's head-to-head record. `nameOf` lets a page print display
 * names where the tally knows only candidate IDs.
 */
export function explanationSentence(
  e: Pick<CandidateExplanation, 'beats' | 'losesTo' | 'ties' | 'condorcetWinner' | 'condorcetLoser'>,
  nameOf: (id: string) => string = (id) => id,
): string {
  const list = (outs: readonly PairOutcome[]): string => outs.map((o) => `${nameOf(o.opponent)} ${fmt(o.for)}–${fmt(o.against)}`).join(', ');
  const parts: string[] = [];
  if (e.beats.length) parts.push(`Beats ${list(e.beats)}`);
  if (e.losesTo.length) parts.push(`${parts.length ? 'loses' : 'Loses'} to ${list(e.losesTo)}`);
  if (e.ties.length) parts.push(`${parts.length ? 'ties' : 'Ties'} with ${list(e.ties)}`);
  let summary = parts.length ? `${parts.join('; ')}.` : 'No other candidate to compare with.';
  if (e.condorcetWinner) summary += ' Condorcet winner.';
  if (e.condorcetLoser) summary += ' Condorcet loser.';
  return summary;
}
