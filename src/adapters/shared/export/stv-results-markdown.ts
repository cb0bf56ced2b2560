import type { StvResults } from '../../../application/results/compute-results.js';
import { mdText, person } from './markdown-text.js';
import { drawLines, quotaText, STV_METHOD_NAMES } from './stv-wording.js';

/**
 * The STV part of a results.md draft: the winners in order of election, the quota, what happened in
 * each round (one sentence each, as the count wrote it), draws by lot with the seed, and the method.
 */
export function stvResultsMarkdown({ election, stv, stvBallots, turnout }: StvResults): string[] {
  const out: string[] = [];
  out.push(stv.winners.length === 1 ? '## Winner' : '## Winners, in order of election', '');
  if (stv.winners.length === 0) out.push('No candidate is elected.');
  stv.winners.forEach((w, i) => out.push(`${i + 1}. ${person(election, w)}`));
  if (stv.winners.length < election.noWinners) {
    const open = election.noWinners - stv.winners.length;
    out.push('', `${open === 1 ? 'One seat stays' : `${open} seats stay`} empty: no other candidate could take it under the rules (see the rounds below).`);
  }
  out.push('', `**Quota:** ${quotaText(stv)}.`, '');

  out.push('## Rounds', '');
  for (const round of stv.rounds) out.push(`${round.number}. ${mdText(round.summary)}`);
  out.push('');

  const passed = stv.rounds.flatMap((r) =>
    r.candidates.filter((c) => c.state === 'passed-over' && !wasPassedBefore(stv.rounds, r.number, c.candidate)).map((c) => c.candidate),
  );
  if (passed.length > 0 && election.seatCap) {
    const cap = election.seatCap;
    out.push('## Passed over by the seat cap', '');
    out.push(
      `At most ${cap.limit} winner${cap.limit === 1 ? '' : 's'} may share the same ${mdText(cap.field)}; ${passed.map((c) => person(election, c)).join(', ')} reached a seat beyond it and ${passed.length === 1 ? 'was' : 'were'} passed over, their votes moving on.`,
      '',
    );
  }
  if (stv.draws.length > 0) {
    out.push('## Ties broken by lot', '');
    for (const line of drawLines(stv)) out.push(`- ${mdText(line)}`);
    out.push('');
  }
  const notes: string[] = [];
  if (stvBallots.empty > 0)
    notes.push(`${stvBallots.empty} ballot${stvBallots.empty === 1 ? '' : 's'} ranked nobody and ${stvBallots.empty === 1 ? 'was' : 'were'} left out`);
  if (stvBallots.cutAtTie > 0) notes.push(`${stvBallots.cutAtTie} ballot${stvBallots.cutAtTie === 1 ? ' had' : 's had'} tied ranks and counted up to the tie`);
  out.push(
    `Computed with ${STV_METHOD_NAMES[stv.method]} (\`${stv.method}\`) over ${turnout.ballots} ballot${turnout.ballots === 1 ? '' : 's'}; ` +
      `candidates a ballot leaves unranked are not preferred. Draws by lot use the seed \`${mdText(stv.seed)}\`, so anyone can repeat the count` +
      (notes.length ? `. ${notes.join('; ')}.` : '.'),
  );
  return out;
}

function wasPassedBefore(rounds: StvResults['stv']['rounds'], number: number, candidate: string): boolean {
  return rounds.some((r) => r.number < number && r.candidates.some((c) => c.candidate === candidate && c.state === 'passed-over'));
}
