import type { StvResults } from '../../application/results/compute-results.js';
import type { Election } from '../../domain/election/election.js';
import type { StvCandidateState } from '../../domain/tally/index.js';
import { drawLines, quotaText, shortDecimal, STV_METHOD_NAMES } from '../shared/export/stv-wording.js';

/** Chart geometry (SVG user units): a label column, then the bars; one row per candidate. */
const LABEL = 150;
const BARS = 260;
const ROW = 22;
const TOP = 8;

const STATE_WORDS: Record<StvCandidateState, string> = {
  hopeful: 'in the count',
  elected: 'elected',
  excluded: 'excluded',
  'passed-over': 'passed over (seat cap)',
};

/**
 * What the officers' page shows for an STV count: the winners in order, one table of votes with a
 * column per round, and per round its sentence and a bar chart (SVG drawn here, so no script and no
 * inline style: the page's CSP allows neither). Each chart's text alternative lists its figures.
 */
export function stvResultsView(election: Election, results: StvResults) {
  const { stv } = results;
  const nameOf = (id: string): string => election.candidates.find((c) => c.id === id)?.name ?? id;
  const scale = Math.max(1e-9, ...stv.rounds.flatMap((r) => [Number(r.quota), ...r.candidates.map((c) => Number(c.votes))]));
  const meek = stv.method === 'stv-meek';
  const x = (votes: number): number => Math.round(LABEL + (votes / scale) * BARS);

  const rounds = stv.rounds.map((round) => {
    // A candidate out of the count before this round has no bar: the chart shows who is still in it.
    const shown = round.candidates.filter(
      (c) => Number(c.votes) > 0 || c.state === 'hopeful' || round.elected.includes(c.candidate) || round.excluded.includes(c.candidate),
    );
    const bars = shown.map((c, i) => {
      const votes = Number(c.votes);
      return {
        name: nameOf(c.candidate),
        // The label column holds about 20 characters; the full name is in the chart's text alternative and the table.
        label: nameOf(c.candidate).length > 20 ? `${nameOf(c.candidate).slice(0, 19)}…` : nameOf(c.candidate),
        votes: shortDecimal(c.votes),
        state: c.state,
        y: TOP + i * ROW,
        textY: TOP + i * ROW + 15,
        width: Math.max(0, x(votes) - LABEL),
        valueX: x(votes) + 4,
      };
    });
    const quota = shortDecimal(round.quota);
    return {
      number: round.number,
      summary: round.summary,
      quota,
      exhausted: shortDecimal(round.exhausted),
      transferred: round.transferred ? nameOf(round.transferred) : null,
      chart: {
        width: LABEL + BARS + 100,
        height: TOP * 2 + bars.length * ROW,
        labelX: LABEL - 6,
        barX: LABEL,
        quotaX: x(Number(round.quota)),
        bars,
        alt: `Votes in round ${round.number}, quota ${quota}: ${bars.map((b) => `${b.name} ${b.votes}${b.state === 'hopeful' ? '' : ` (${STATE_WORDS[b.state]})`}`).join('; ')}.`,
      },
    };
  });

  // The table: one row per candidate, one column per round (votes, and the keep value under Meek).
  const table = election.candidates
    .map((c) => c.id)
    .filter((id) => stv.rounds[0]?.candidates.some((c) => c.candidate === id))
    .map((id) => ({
      name: nameOf(id),
      id,
      winner: stv.winners.includes(id),
      cells: stv.rounds.map((round) => {
        const c = round.candidates.find((x) => x.candidate === id)!;
        const newly = round.elected.includes(id) ? 'elected' : round.excluded.includes(id) ? (c.state === 'passed-over' ? 'passed over' : 'excluded') : null;
        return { votes: shortDecimal(c.votes), keep: meek && c.keepValue !== undefined ? shortDecimal(c.keepValue) : null, state: c.state, newly };
      }),
    }));

  return {
    method: STV_METHOD_NAMES[stv.method],
    code: stv.method,
    seats: stv.seats,
    ballots: results.turnout.ballots,
    winners: stv.winners.map((id, i) => ({ position: i + 1, id, name: nameOf(id) })),
    seatsLeftOpen: Math.max(0, stv.seats - stv.winners.length),
    quota: quotaText(stv),
    meek,
    seed: stv.seed,
    draws: drawLines(stv),
    emptyBallots: results.stvBallots.empty,
    cutAtTie: results.stvBallots.cutAtTie,
    rounds,
    table,
    exhausted: stv.rounds.map((r) => shortDecimal(r.exhausted)),
    quotas: stv.rounds.map((r) => shortDecimal(r.quota)),
    openRounds: stv.rounds.length <= 8,
  };
}
