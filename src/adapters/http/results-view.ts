import type { Election } from '../../domain/election/election.js';
import { explanationSentence } from '../../domain/tally/explanations.js';
import type { CandidateExplanation, TallyResult } from '../../domain/tally/types.js';

const METHOD: Record<string, string> = {
  schulze: 'Schulze (beatpath)',
  'ranked-pairs': 'Ranked pairs (Tideman)',
  minimax: 'Minimax',
  copeland: 'Copeland',
};
const STRENGTH: Record<string, string> = {
  winning: 'winning votes',
  margin: 'margins',
  ratio: 'ratio',
};

export interface MatrixCell {
  readonly value: number | null;
  /** Who wins this pair from the row's point of view: shading and the screen-reader text follow it. */
  readonly outcome: 'win' | 'loss' | 'tie' | 'self';
  readonly label: string;
}

/** Turns a tally into what the officers' results page shows, names instead of bare ids. */
export function resultsView(election: Election, tally: TallyResult) {
  const nameOf = (id: string): string => election.candidates.find((c) => c.id === id)?.name ?? id;
  const who = (ids: readonly string[]) => ids.map((id) => ({ id, name: nameOf(id) }));
  let position = 1;
  const tiers = tally.ranking.map((tier) => {
    const row = { position, candidates: who(tier), tied: tier.length > 1, winner: tier.some((c) => tally.winners.includes(c)) };
    position += tier.length;
    return row;
  });
  const order = tally.ranking.flat();
  const matrix = order.map((x) => ({
    id: x,
    name: nameOf(x),
    cells: order.map((y): MatrixCell => {
      if (x === y) return { value: null, outcome: 'self', label: '—' };
      const a = tally.pairwise[x]?.[y] ?? 0;
      const b = tally.pairwise[y]?.[x] ?? 0;
      const outcome = a > b ? 'win' : a < b ? 'loss' : 'tie';
      const verb = outcome === 'win' ? 'beats' : outcome === 'loss' ? 'loses to' : 'ties with';
      return { value: a, outcome, label: `${nameOf(x)} ${verb} ${nameOf(y)}, ${a} to ${b}` };
    }),
  }));
  const paths = tally.strongestPaths
    ? order.map((x) => ({
        id: x,
        name: nameOf(x),
        cells: order.map((y) => {
          if (x === y) return { value: null, outcome: 'self', label: '—' };
          const a = tally.strongestPaths?.[x]?.[y] ?? 0;
          const b = tally.strongestPaths?.[y]?.[x] ?? 0;
          return { value: a, outcome: a > b ? 'win' : a < b ? 'loss' : 'tie', label: `Strongest path from ${nameOf(x)} to ${nameOf(y)}: ${a}` };
        }),
      }))
    : null;
  return {
    method: `${METHOD[tally.method] ?? tally.method}${tally.method === 'copeland' ? '' : `, pair strength by ${STRENGTH[tally.strength] ?? tally.strength}`}`,
    seats: election.noWinners,
    ballots: tally.ballots,
    tiers,
    winners: who(tally.winners),
    tieAtCutoff: tally.tieAtCutoff,
    tiedAtCutoff: who(tally.tiedAtCutoff),
    seatsLeftOpen: Math.max(0, election.noWinners - tally.winners.length),
    passedOver: tally.passedOver.map((p) => ({ name: nameOf(p.candidate), id: p.candidate, reason: p.reason })),
    condorcetWinner: tally.condorcetWinner ? nameOf(tally.condorcetWinner) : null,
    matrix,
    paths,
    explanations: order.map((id) => ({ id, name: nameOf(id), summary: sentenceOf(tally.explanations[id], nameOf) })),
  };
}

function sentenceOf(e: CandidateExplanation | undefined, nameOf: (id: string) => string): string {
  return e ? explanationSentence(e, nameOf) : '';
}
