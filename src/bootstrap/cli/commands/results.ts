import type { ElectionResults } from '../../../application/results/compute-results.js';
import { ballotsCsv } from '../../../adapters/shared/export/ballots-export-format.js';
import { resultsMarkdown } from '../../../adapters/shared/export/results-markdown.js';
import type { CondorcetResults } from '../../../application/results/compute-results.js';
import type { ElectionMethod } from '../../../domain/election/election.js';
import type { PairStrength, UnrankedPolicy } from '../../../domain/tally/index.js';
import { stvJson, stvText } from './stv-report.js';
import { USE_CASES } from '../../use-case-tokens.js';
import { withElectionApp } from './election-command-support.js';
import { printBulletin } from './print-bulletin.js';
import { reportFrozenBulletin } from './frozen-bulletin-report.js';

export interface ResultsOptions {
  /** Absent: the election's own `method` (Schulze when election.yaml names none). */
  method?: ElectionMethod;
  strength: PairStrength;
  unranked: UnrankedPolicy;
  json?: boolean;
  markdown?: boolean;
  csv?: boolean;
  bulletin?: boolean;
  /** ORGANIZATIONS_FILE: the organization whose election this is. */
  org?: string;
}

/**
 * `elekto results <election-key> [--json | --markdown | --csv | --bulletin] [--method …] [--strength …]`:
 * counts the stored ballots of a completed election (read from the configured database, the
 * election from the meta checkout on disk). Reading results destroys nothing; with `delete_after`
 * it says on stderr when the voter-to-ballot links will be destroyed. Every form also says on stderr the
 * bulletin digest fixed at the close (freezing it if no server did) and exits 1 when the stored
 * ballots no longer give it (a ballot changed, added or deleted since).
 * Exit 0 counted; 1 unknown, broken or unfinished election; 2 bad usage; 78 bad configuration.
 */
export async function run(electionKey: string, opts: ResultsOptions): Promise<number> {
  return withElectionApp(
    'results',
    electionKey,
    async (app) => {
      if (opts.bulletin) {
        await printBulletin(app, {
          electionKey,
          requester: null,
          ...(opts.method ? { method: opts.method } : {}),
          strength: opts.strength,
          unranked: opts.unranked,
        });
        return (await reportFrozenBulletin(app, electionKey)) ? 0 : 1;
      }
      if (opts.csv) {
        const exported = await (await app.get(USE_CASES.exportBallots)).execute({ electionKey, requester: null });
        process.stdout.write(ballotsCsv(exported));
        return 0;
      }
      const compute = await app.get(USE_CASES.computeResults);
      const results = await compute.execute({
        electionKey,
        requester: null,
        ...(opts.method ? { method: opts.method } : {}),
        strength: opts.strength,
        unranked: opts.unranked,
      });
      const { remaining, purgeDueAt } = results.links;
      if (purgeDueAt && remaining > 0) {
        process.stderr.write(
          `delete_after: ${remaining} voter-to-ballot link(s) remain; a running \`elekto serve\` destroys them at ${purgeDueAt.toISOString()} ` +
            `(or now: elekto purge-links ${electionKey}).\n`,
        );
      }
      const check = await (await app.get(USE_CASES.checkBulletin)).execute({ electionKey, requester: null });
      if (opts.json)
        process.stdout.write(
          `${JSON.stringify({ ...jsonResults(results, opts.unranked), bulletin: { ...check.frozen, intact: check.intact, problems: check.problems } }, jsonNumbers, 2)}\n`,
        );
      else if (opts.markdown) process.stdout.write(resultsMarkdown(results, check.frozen));
      else if (results.kind === 'stv') process.stdout.write(stvText(results.stv, results.stvBallots, electionHeading(results)));
      else process.stdout.write(textResults(results));
      return (await reportFrozenBulletin(app, electionKey)) ? 0 : 1;
    },
    opts.org,
  );
}

function jsonResults(r: ElectionResults, unranked: UnrankedPolicy) {
  const e = r.election;
  return {
    election: { key: e.key, name: e.name, organization: e.organization, seats: e.noWinners, startsAt: e.startsAt, endsAt: e.endsAt, seatCap: e.seatCap },
    turnout: r.turnout,
    // How No opinion counts in a pairwise count; an STV count treats unranked candidates as not preferred.
    ...(r.kind === 'stv' ? {} : { unranked }),
    ignored: r.ignored,
    links: r.links,
    ...(r.kind === 'stv' ? { method: r.method, ...stvJson(r.stv, r.stvBallots) } : { method: r.method, tally: r.tally }),
  };
}

function electionHeading({ election, turnout }: ElectionResults): string[] {
  const pct = turnout.ratio === null ? 'n/a' : `${(turnout.ratio * 100).toFixed(1)}%`;
  return [
    `${election.name} (${election.key})`,
    `${election.noWinners} seat${election.noWinners === 1 ? '' : 's'} · ${turnout.eligible} eligible · ${turnout.ballots} ballots · turnout ${pct}`,
  ];
}

/** Ratio strengths can be Infinity, which JSON cannot hold: written as the string "Infinity". */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function textResults(results: CondorcetResults): string {
  const { tally: t, ignored } = results;
  const out: string[] = electionHeading(results);
  out.push(`${t.method}${t.method === 'copeland' ? '' : ` (${t.strength})`}`, '');
  const winners = new Set(t.winners);
  const tied = new Set(t.tiedAtCutoff);
  const wide = Math.max(...t.candidates.map((c) => c.length));
  let position = 1;
  for (const tier of t.ranking) {
    for (const c of tier) {
      const mark = winners.has(c) ? 'elected' : tied.has(c) ? 'tied at the cut' : '';
      out.push(`  ${String(position).padStart(3)}${tier.length > 1 ? '=' : ' '} ${c.padEnd(wide)}  ${mark}`.trimEnd());
    }
    position += tier.length;
  }
  out.push('', `Elected: ${t.winners.length ? t.winners.join(', ') : '(none decided)'}`);
  if (t.tieAtCutoff) out.push(`Tie at the cut: ${t.tiedAtCutoff.join(' / ')}; the officers decide.`);
  for (const p of t.passedOver) out.push(`Passed over: ${p.candidate}: ${p.reason}`);
  if (ignored.entries > 0)
    out.push(
      `Ignored ${ignored.entries} stored line(s)${ignored.unknownCandidates.length ? `; unknown candidates: ${ignored.unknownCandidates.join(', ')}` : ''}.`,
    );
  out.push('', 'Head to head');
  for (const c of t.ranking.flat()) out.push(`  ${c}: ${t.explanations[c]?.summary ?? ''}`);
  return `${out.join('\n')}\n`;
}
