import type { Election } from '../../domain/election/election.js';
import { CPO_MAX_OUTCOMES } from '../../domain/tally/stv/cpo-stv.js';
import { type CandidateReading, readCandidateFile } from './candidate-file.js';
import { readElectionFile } from './election-file.js';
import { closestName } from './key-suggestions.js';
import type { ProblemList } from './problem-list.js';
import { type ReadContext, readTextOrReport } from './read-context.js';
import { warnAboutShownFields } from './shown-fields-check.js';
import { readVotersFile } from './voters-file.js';

export interface ElectionFolderReading {
  /** null when election.yaml, voters.yaml or a Markdown file has an error. */
  readonly election: Election | null;
  readonly candidates: number;
}

const KNOWN_FILES = ['election.yaml', 'voters.yaml', 'election_desc.md', 'results.md'];

/**
 * One election folder. Errors in election.yaml, voters.yaml, election_desc.md or results.md make the
 * election unreadable (sync then keeps its last good version); an error in a candidate file only
 * drops that candidate; duplicate IDs keep the first file (in file-name order) and drop the others.
 */
export async function readElectionFolder(
  ctx: ReadContext,
  dir: string,
  identity: { key: string; path: string },
  problems: ProblemList,
): Promise<ElectionFolderReading> {
  const names = (await ctx.files.entries(dir)).map((e) => e.name).sort();
  warnNearMisses(dir, names, problems);
  const fields = await readElectionFile(ctx, `${dir}/election.yaml`, problems);
  const voters = await readVotersFile(ctx, `${dir}/voters.yaml`, problems);
  const markdown = async (name: string): Promise<string | null | undefined> => {
    const text = await readTextOrReport(ctx, `${dir}/${name}`, ctx.limits.maxMarkdownFileBytes, problems);
    return typeof text === 'string' ? ctx.renderer.render(text) : text;
  };
  const descriptionHtml = await markdown('election_desc.md');
  const resultsHtml = await markdown('results.md');
  const readings = await readCandidates(ctx, dir, names, problems);
  const candidates = readings.map((r) => r.candidate);

  if (fields) {
    const file = `${dir}/election.yaml`;
    if (fields.noWinners > candidates.length) {
      problems.warning(
        file,
        `\`no_winners\` is ${fields.noWinners} but there ${candidates.length === 1 ? 'is' : 'are'} ${candidates.length} candidate${candidates.length === 1 ? '' : 's'}`,
        {
          line: fields.noWinnersLine,
          hint: 'every candidate wins; check the number of seats or wait for more nominations',
        },
      );
    }
    warnAboutShownFields(dir, fields, readings, problems);
    warnAboutCpoSize(file, fields.method, candidates.length, fields.noWinners, fields.noWinnersLine, problems);
  }
  const broken = !fields || voters === null || descriptionHtml === null || resultsHtml === null;
  if (broken || !fields) return { election: null, candidates: candidates.length };
  const { noWinnersLine: _n, seatCapLine: _s, ...rest } = fields;
  return {
    election: {
      ...rest,
      key: identity.key,
      path: identity.path,
      candidates,
      voters: voters ?? null,
      descriptionHtml: descriptionHtml ?? null,
      resultsHtml: resultsHtml ?? null,
    },
    candidates: candidates.length,
  };
}

/** CPO-STV compares every possible committee; past its limit the count is refused, so say so before the vote. */
function warnAboutCpoSize(file: string, method: string, candidates: number, seats: number, line: number | undefined, problems: ProblemList): void {
  if (method !== 'cpo-stv' || seats >= candidates) return;
  let outcomes = 1;
  for (let i = 0; i < seats && outcomes <= CPO_MAX_OUTCOMES; i++) outcomes = (outcomes * (candidates - i)) / (i + 1);
  if (outcomes <= CPO_MAX_OUTCOMES) return;
  problems.warning(file, `\`method: cpo-stv\` compares at most ${CPO_MAX_OUTCOMES} committees; ${candidates} candidates for ${seats} seats may need more`, {
    line,
    hint: 'the count is refused if candidates elected on first preferences do not narrow it enough; consider `method: stv-meek`',
  });
}

async function readCandidates(ctx: ReadContext, dir: string, names: string[], problems: ProblemList): Promise<CandidateReading[]> {
  const files = names.filter((n) => /^candidate-.+\.md$/.test(n));
  for (const n of names.filter((n) => n.startsWith('candidate') && !files.includes(n))) {
    problems.warning(`${dir}/${n}`, 'is not read as a candidate: candidate files are named candidate-<ID>.md', {
      hint: `rename it to candidate-<ID>.md if it is a candidate (Elekto read every file starting with "candidate")`,
    });
  }
  if (files.length > ctx.limits.maxCandidatesPerElection) {
    problems.error(dir, `has ${files.length} candidate files; only the first ${ctx.limits.maxCandidatesPerElection} are read`);
  }
  const lists = files.slice(0, ctx.limits.maxCandidatesPerElection).map(() => problems.child());
  const readings = await Promise.all(lists.map((list, i) => readCandidateFile(ctx, `${dir}/${files[i]}`, files[i]!, list)));
  for (const list of lists) problems.append(list);
  const byId = new Map<string, CandidateReading>();
  const kept: CandidateReading[] = [];
  for (const r of readings) {
    if (!r) continue;
    const id = r.candidate.id.toLowerCase();
    const first = byId.get(id);
    if (first) {
      problems.error(
        `${dir}/${r.candidate.fileName}`,
        `duplicate candidate ID \`${r.candidate.id}\` (already used by ${first.candidate.fileName}); this file is ignored`,
        {
          line: r.idLine,
          hint: 'every candidate needs its own ID (IDs are compared ignoring case)',
        },
      );
      continue;
    }
    byId.set(id, r);
    kept.push(r);
  }
  return kept;
}

function warnNearMisses(dir: string, names: string[], problems: ProblemList): void {
  for (const name of names) {
    if (KNOWN_FILES.includes(name) || name.startsWith('candidate')) continue;
    const guess = closestName(name, KNOWN_FILES);
    if (guess && !names.includes(guess)) {
      problems.warning(`${dir}/${name}`, `is ignored; did you mean \`${guess}\`?`, { hint: `rename it to ${guess}` });
    }
  }
}
