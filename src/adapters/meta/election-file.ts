import type { Election, ElectionMethod } from '../../domain/election/election.js';
import { normaliseLogin } from '../../domain/identity/github-login.js';
import { DATETIME_HINT, type DatetimeRole, parseMetaDatetime } from './meta-datetime.js';
import { MetaSchemas } from './meta-schemas.js';
import type { ProblemList } from './problem-list.js';
import { type ReadContext, parseYamlOrReport, readTextOrReport } from './read-context.js';
import { reportSchemaErrors } from './schema-problems.js';
import type { YamlSource } from './yaml-source.js';

const ELECTION_KEYS = MetaSchemas.knownKeys('election');

/** What election.yaml defines; the folder adds key, path, candidates, voters and the Markdown. */
export type ElectionFields = Omit<Election, 'key' | 'path' | 'candidates' | 'voters' | 'descriptionHtml' | 'resultsHtml'> & {
  /** Line of `no_winners` (or of `name`), for problems found once the candidates are known. */
  readonly noWinnersLine: number | undefined;
  readonly seatCapLine: number | undefined;
};

type Raw = Record<string, unknown>;

/** election.yaml → fields, or null after reporting at least one error. */
export async function readElectionFile(ctx: ReadContext, file: string, problems: ProblemList): Promise<ElectionFields | null> {
  const text = await readTextOrReport(ctx, file, ctx.limits.maxTextFileBytes, problems);
  if (text === undefined) problems.error(file, 'is missing');
  if (text === null || text === undefined) return null;
  const source = parseYamlOrReport(ctx, text, file, problems);
  if (!source) return null;
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    problems.error(file, 'is not a set of `key: value` lines', { hint: 'start from the election.yaml of an earlier election' });
    return null;
  }
  for (const text of [
    ['name'],
    ['organization'],
    ['eligibility'],
    ['exception_description'],
    ['election_officers', '*'],
    ['show_candidate_fields', '*'],
    ['max_winners_per', 'field'],
  ]) {
    source.keepAsText(text);
  }
  const raw = source.value as Raw;
  const before = problems.errorCount;
  const failed = reportSchemaErrors(ctx.schemas.validate('election', raw), source, file, problems, ELECTION_KEYS);
  warnHistoricKeys(raw, source, file, problems);

  const when = (key: string, role: DatetimeRole): Date | undefined => {
    const text = source.sourceText([key]);
    if (text === undefined || failed.has(key)) return undefined;
    const parsed = parseMetaDatetime(text, role);
    if (parsed.ok) return parsed.date;
    problems.error(file, `\`${key}\` ${parsed.reason}: ${JSON.stringify(text)}`, { line: source.lineOf([key]), hint: DATETIME_HINT });
    return undefined;
  };
  const startsAt = when('start_datetime', 'start');
  const endsAt = when('end_datetime', 'end');
  const dueKey = raw.exception_due !== undefined ? 'exception_due' : raw.exceptions_due !== undefined ? 'exceptions_due' : undefined;
  const exceptionDueAt = dueKey ? when(dueKey, 'end') : startsAt;
  if (startsAt && endsAt && startsAt.getTime() >= endsAt.getTime()) {
    problems.error(file, '`end_datetime` is not after `start_datetime`', {
      line: source.lineOf(['end_datetime']),
      hint: 'for an uncontested election, set the end one second after the start',
    });
  }
  if (problems.errorCount > before || !startsAt || !endsAt || !exceptionDueAt) return null;

  if (endsAt && exceptionDueAt.getTime() > endsAt.getTime()) {
    problems.warning(file, `\`${dueKey}\` is after \`end_datetime\`: exception requests stay open after voting has closed`, {
      line: source.lineOf([dueKey ?? 'exception_due']),
      hint: 'set it to the start of voting or a little before the end',
    });
  }
  const organization = source.sourceText(['organization'])?.trim() ?? '';
  if (organization === '') {
    problems.warning(file, '`organization` is missing; pages show the election without it', { hint: 'add `organization: <community name>`' });
  }
  if (raw.no_winners === undefined) {
    problems.warning(file, '`no_winners` is missing; 1 seat is assumed', { hint: 'add `no_winners: <number of seats>`' });
  }
  if (raw.ballot_trackers === true && raw.publish_ballots !== true) {
    problems.warning(file, '`ballot_trackers: true` without `publish_ballots: true`: voters get a tracker but cannot look it up themselves', {
      line: source.lineOf(['ballot_trackers']),
      hint: 'add `publish_ballots: true`, or drop `ballot_trackers` (a tracker with a public bulletin is a receipt: see docs/meta-repository.md)',
    });
  }
  const officers = readOfficers(source, file, problems);
  const seatCap = raw.max_winners_per as { field: string; limit: number } | undefined;
  return {
    name: String(raw.name).trim(),
    organization,
    startsAt,
    endsAt,
    exceptionDueAt,
    noWinners: (raw.no_winners as number | undefined) ?? 1,
    allowNoOpinion: (raw.allow_no_opinion as boolean | undefined) ?? true,
    deleteAfter: (raw.delete_after as boolean | undefined) ?? false,
    publishBallots: (raw.publish_ballots as boolean | undefined) ?? false,
    ballotTrackers: (raw.ballot_trackers as boolean | undefined) ?? false,
    showCandidateFields: showFields(raw.show_candidate_fields),
    officers,
    ...markdownField('eligibility', textOrNull(raw.eligibility), ctx),
    ...markdownField('exceptionDescription', textOrNull(raw.exception_description), ctx),
    seatCap: seatCap ? { field: seatCap.field.trim(), limit: seatCap.limit } : null,
    method: (raw.method as ElectionMethod | undefined) ?? 'schulze',
    noWinnersLine: source.lineOf(['no_winners']) ?? source.lineOf(['name']),
    seatCapLine: source.lineOf(['max_winners_per']),
  };
}

/** Blank, `[null]` and missing all mean "no extra fields" (Elekto crashed on the first and last). */
function showFields(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return [...new Set(names)];
}

/** The text as written and, like the Markdown files, its sanitised HTML (Elekto showed these raw). */
function markdownField<K extends string>(key: K, text: string | null, ctx: ReadContext): Record<K | `${K}Html`, string | null> {
  return { [key]: text, [`${key}Html`]: text === null ? null : ctx.renderer.render(text) } as Record<K | `${K}Html`, string | null>;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function readOfficers(source: YamlSource, file: string, problems: ProblemList): string[] {
  const list = (source.value as Raw).election_officers;
  const officers: string[] = [];
  const spelling = new Map<string, string>();
  (Array.isArray(list) ? list : []).forEach((_, i) => {
    const raw = source.sourceText(['election_officers', i])?.trim() ?? '';
    const line = source.lineOf(['election_officers', i]);
    const login = normaliseLogin(raw);
    if (login === '') return problems.warning(file, `officer entry ${i + 1} is empty`, { line, hint: 'delete the lone `-` line' });
    const earlier = spelling.get(login);
    if (earlier !== undefined) {
      return problems.warning(file, `officer \`${raw}\` is listed twice${earlier === raw ? '' : ` (also as \`${earlier}\`; logins ignore case)`}`, {
        line,
        hint: 'keep one entry',
      });
    }
    spelling.set(login, raw);
    officers.push(login);
  });
  if (officers.length === 0) {
    problems.warning(file, 'no `election_officers`: nobody can see the results or review exception requests', {
      line: source.lineOf(['election_officers']),
      hint: 'list the GitHub logins of the officers under `election_officers:`',
    });
  }
  return officers;
}

function warnHistoricKeys(raw: Raw, source: YamlSource, file: string, problems: ProblemList): void {
  if (raw.exceptions_due !== undefined) {
    const ignored = raw.exception_due !== undefined;
    problems.warning(
      file,
      ignored
        ? '`exceptions_due` (misspelt) is ignored because `exception_due` is also set'
        : '`exceptions_due` is a misspelling of `exception_due`; it is used as the exception deadline (Elekto ignored it)',
      { line: source.lineOf(['exceptions_due'], true), hint: 'rename the key to `exception_due`' },
    );
  }
  if (raw.exception_descriptions !== undefined) {
    problems.warning(file, '`exception_descriptions` (historic spelling) is ignored', {
      line: source.lineOf(['exception_descriptions'], true),
      hint: 'rename the key to `exception_description`',
    });
  }
  if (raw.condorcet_method !== undefined) {
    problems.warning(file, '`condorcet_method` is ignored: results are computed with `method` (Schulze when absent)', {
      line: source.lineOf(['condorcet_method'], true),
      hint: 'delete the key, or write `method: <name>` to choose the counting method',
    });
  }
}
