import { drawLines, quotaText, shortDecimal, STV_SHORT_NAMES } from '../../../adapters/shared/export/stv-wording.js';
import type { StvBallotTally, StvResult } from '../../../domain/tally/index.js';

/** `--json`: the count as the domain gives it (winners in order of election, rounds, draws, seed) and the ballots read. */
export function stvJson(stv: StvResult, ballots: StvBallotTally): object {
  return {
    method: stv.method,
    seats: stv.seats,
    winners: stv.winners,
    quota: stv.rounds[0]?.quota ?? null,
    rounds: stv.rounds,
    draws: stv.draws,
    seed: stv.seed,
    ballots,
  };
}

const STATE: Record<string, string> = { hopeful: '', elected: 'elected', excluded: 'excluded', 'passed-over': 'passed over' };

/** Plain text: the winners in order, then each round as a small table and its sentence. */
export function stvText(stv: StvResult, ballots: StvBallotTally, heading: string[]): string {
  const out = [...heading];
  out.push(
    `${STV_SHORT_NAMES[stv.method]} · ${ballots.ballots} ballots · ${stv.rounds[0]?.candidates.length ?? 0} candidates · ${stv.seats} seat${stv.seats === 1 ? '' : 's'} · seed ${JSON.stringify(stv.seed)}`,
    '',
  );
  out.push(`Winners, in order of election: ${stv.winners.length ? stv.winners.join(', ') : '(none)'}`);
  out.push(`Quota: ${quotaText(stv)}`);
  if (ballots.empty > 0) out.push(`Left out: ${ballots.empty} ballot(s) ranking nobody.`);
  if (ballots.cutAtTie > 0) out.push(`Read up to a tie: ${ballots.cutAtTie} ballot(s) with tied ranks.`);
  const meek = stv.method === 'stv-meek';
  for (const round of stv.rounds) {
    out.push(
      '',
      `Round ${round.number} · quota ${shortDecimal(round.quota)} · exhausted ${shortDecimal(round.exhausted)}${round.transferred ? ` · transferred: ${round.transferred}` : ''}`,
    );
    const wide = Math.max(9, ...round.candidates.map((c) => c.candidate.length));
    const votes = round.candidates.map((c) => shortDecimal(c.votes));
    const vw = Math.max(5, ...votes.map((v) => v.length));
    out.push(`  ${'candidate'.padEnd(wide)}  ${'votes'.padStart(vw)}${meek ? '  keep value ' : ''}  state`);
    round.candidates.forEach((c, i) => {
      const keep = meek ? `  ${shortDecimal(c.keepValue ?? '').padEnd(11)}` : '';
      out.push(`  ${c.candidate.padEnd(wide)}  ${votes[i]!.padStart(vw)}${keep}  ${STATE[c.state] ?? c.state}`.trimEnd());
    });
    out.push(`  ${round.summary}`);
  }
  if (stv.draws.length > 0) {
    out.push('', `Ties broken by lot (seed ${JSON.stringify(stv.seed)}):`);
    for (const line of drawLines(stv)) out.push(`  ${line}`);
  }
  return `${out.join('\n')}\n`;
}
