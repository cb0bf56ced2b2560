import { mdText, person } from './markdown-text.js';
import type { PairStrength, TallyMethod } from '../../../domain/tally/types.js';
import type { CondorcetResults, ElectionResults } from '../../../application/results/compute-results.js';
import type { FrozenBulletin } from '../../../application/ports/frozen-bulletins.js';
import { stvResultsMarkdown } from './stv-results-markdown.js';

export { mdText };

const METHOD: Record<TallyMethod, string> = {
  schulze: 'Schulze method',
  'ranked-pairs': 'Ranked Pairs method',
  minimax: 'Minimax method',
  copeland: 'Copeland method',
};
const STRENGTH: Record<PairStrength, string> = { winning: 'winning votes', margin: 'margins', ratio: 'ratios' };

function utc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function percent(ratio: number | null): string {
  return ratio === null ? 'n/a (empty voter roll)' : `${(ratio * 100).toFixed(1)}%`;
}

/**
 * A results.md draft in the shape officers write by hand today: the figures, the winners linked to
 * their GitHub profiles, the rest of the order with ties written "(Tie) A / B", a tie at the cut
 * and seat-cap decisions stated plainly, and the method. Officers review it and commit it.
 */
export function resultsMarkdown(results: ElectionResults, frozen: FrozenBulletin | null = null): string {
  const { election, turnout, ignored } = results;
  const out: string[] = [];
  out.push(`# ${mdText(election.name)}: results`, '');
  out.push(`This election ran from ${utc(election.startsAt)} to ${utc(election.endsAt)}.`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Seats | ${election.noWinners} |`);
  out.push(`| Eligible voters | ${turnout.eligible} |`);
  out.push(`| Ballots cast | ${turnout.ballots} |`);
  out.push(`| Turnout | ${percent(turnout.ratio)} |`, '');
  if (results.kind === 'stv') out.push(...stvResultsMarkdown(results));
  else condorcetMarkdown(results, out);
  if (ignored.entries > 0) {
    out.push(
      '',
      `${ignored.entries} stored ballot line${ignored.entries === 1 ? ' was' : 's were'} ignored` +
        (ignored.unknownCandidates.length > 0 ? ` (unknown candidates: ${ignored.unknownCandidates.map(mdText).join(', ')})` : '') +
        '.',
    );
  }
  if (frozen) {
    out.push(
      '',
      '## Bulletin',
      '',
      `The ${frozen.ballotCount} ballot${frozen.ballotCount === 1 ? '' : 's'} were fixed at the close (${utc(frozen.frozenAt)}) in a bulletin ` +
        'whose SHA-256 digest is:',
      '',
      `    ${frozen.digest}`,
      '',
      'Anyone holding the bulletin can check it and recount it: `elekto verify bulletin.json --digest ' + frozen.digest + '` (see docs/verify.md).',
    );
  }
  return `${out.join('\n')}\n`;
}

function condorcetMarkdown({ election, tally, turnout }: CondorcetResults, out: string[]): void {
  out.push(tally.winners.length === 1 ? '## Winner' : '## Winners', '');
  if (tally.winners.length === 0) out.push('No candidate is elected outright (see the tie below).');
  for (const w of tally.winners) out.push(`- ${person(election, w)}`);
  out.push('');

  if (tally.tieAtCutoff) {
    const open = Math.max(0, election.noWinners - tally.winners.length);
    out.push(
      `**Tie at the cut:** ${tally.tiedAtCutoff.map((c) => person(election, c)).join(' / ')} are tied for ` +
        `${open === 1 ? 'the last seat' : `the last ${open} seats`}. The ballots do not decide it; the officers must ` +
        'break the tie as the election rules say.',
      '',
    );
  }

  out.push('## Full order', '');
  let position = 1;
  for (const tier of tally.ranking) {
    const names = tier.map((c) => person(election, c)).join(' / ');
    out.push(`${position}. ${tier.length > 1 ? `(Tie) ${names}` : names}`);
    position += tier.length;
  }
  out.push('');

  if (tally.passedOver.length > 0) {
    const cap = election.seatCap;
    out.push('## Passed over by the seat cap', '');
    if (cap) out.push(`At most ${cap.limit} winner${cap.limit === 1 ? '' : 's'} may share the same ${mdText(cap.field)}.`, '');
    for (const p of tally.passedOver) out.push(`- ${person(election, p.candidate)}: ${mdText(p.reason)}`);
    out.push('');
  }

  const strength = tally.method === 'copeland' ? '' : ` (${STRENGTH[tally.strength]})`;
  out.push(
    `Computed with the ${METHOD[tally.method]}${strength} over ${turnout.ballots} ballot${turnout.ballots === 1 ? '' : 's'}; ` +
      'a candidate left at "No opinion" counts for neither side of a pair.',
  );
}
