import { isPlausibleLogin, normaliseLogin } from '../../domain/identity/github-login.js';
import { MetaSchemas } from './meta-schemas.js';
import type { ProblemList } from './problem-list.js';
import { type ReadContext, parseYamlOrReport, readTextOrReport } from './read-context.js';
import { reportSchemaErrors } from './schema-problems.js';
import { type VoterEntry, readVotersFast } from './voters-fast-path.js';

const VOTERS_KEYS = MetaSchemas.knownKeys('voters');

/**
 * voters.yaml → the normalised roll. `undefined`: no file (nobody is eligible; warned). null: the
 * file is broken (an error, the election keeps its last good version). Blank `eligible_voters` is an
 * empty roll. Entries YAML reads as numbers or booleans are logins all the same (their source text,
 * leading zeros kept). Junk entries are warned about and dropped when they can never match a login.
 */
export async function readVotersFile(ctx: ReadContext, file: string, problems: ProblemList): Promise<ReadonlySet<string> | null | undefined> {
  const text = await readTextOrReport(ctx, file, ctx.limits.maxVotersFileBytes, problems);
  if (text === null) return null;
  if (text === undefined) {
    problems.warning(file, 'is missing: nobody can vote in this election', {
      hint: 'add voters.yaml with `eligible_voters:` and one `- login` line per voter',
    });
    return undefined;
  }
  const entries = readVotersFast(text) ?? readVotersYaml(ctx, text, file, problems);
  if (!entries) return null;
  const roll = new Set<string>();
  const first = new Map<string, { raw: string; line: number }>();
  /** Exact repeats, by login: the lines of every occurrence, the first one included. */
  const repeats = new Map<string, { raw: string; lines: number[] }>();
  entries.forEach(({ raw, line }, i) => {
    if (raw === '') {
      problems.warning(file, `entry ${i + 1} is empty`, { line, hint: 'delete the lone `-` line' });
      return;
    }
    const login = normaliseLogin(raw);
    if (raw.replace(/^@/, '').includes('@')) {
      problems.warning(file, `\`${raw}\` is an e-mail address, not a GitHub login; it is ignored`, { line, hint: 'replace it with the GitHub login' });
      return;
    }
    if (/\s/.test(login)) {
      problems.warning(file, `\`${raw}\` contains a space, so it is not a GitHub login; it is ignored`, { line, hint: 'replace it with the GitHub login' });
      return;
    }
    if (!isPlausibleLogin(login)) {
      problems.warning(file, `\`${raw}\` does not look like a GitHub login`, { line, hint: 'GitHub logins use letters, digits and single hyphens' });
    }
    const earlier = first.get(login);
    if (earlier === undefined) {
      first.set(login, { raw, line });
    } else if (earlier.raw !== raw) {
      problems.warning(file, `\`${raw}\` is listed again as \`${earlier.raw}\` (line ${earlier.line}; logins ignore case)`, { line, hint: 'keep one entry' });
    } else {
      const seen = repeats.get(login) ?? { raw, lines: [earlier.line] };
      seen.lines.push(line);
      repeats.set(login, seen);
    }
    roll.add(login);
  });
  warnExactRepeats(file, repeats, problems);
  return roll;
}

const NAMED_REPEATS = 10;

/** One warning for all exact repeats (a roll built by hand can have hundreds), naming logins and lines. */
function warnExactRepeats(file: string, repeats: Map<string, { raw: string; lines: number[] }>, problems: ProblemList): void {
  if (repeats.size === 0) return;
  const extra = [...repeats.values()].reduce((n, r) => n + r.lines.length - 1, 0);
  const named = [...repeats.values()].slice(0, NAMED_REPEATS).map((r) => `\`${r.raw}\` (lines ${r.lines.join(', ')})`);
  const more = repeats.size > NAMED_REPEATS ? ` and ${repeats.size - NAMED_REPEATS} more` : '';
  const [firstRepeat] = repeats.values();
  problems.warning(file, `${extra} entr${extra === 1 ? 'y repeats' : 'ies repeat'} an earlier one: ${named.join(', ')}${more}`, {
    line: firstRepeat!.lines[1],
    hint: 'remove the duplicates (harmless, but they hide the real size of the roll)',
  });
}

/** The general path: any YAML, validated against voters.schema.json. null after reporting an error. */
function readVotersYaml(ctx: ReadContext, text: string, file: string, problems: ProblemList): VoterEntry[] | null {
  const source = parseYamlOrReport(ctx, text, file, problems);
  if (!source) return null;
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    problems.error(file, 'does not hold an `eligible_voters:` list', {
      hint: 'write `eligible_voters:` followed by one `- login` line per voter (or `eligible_voters: []`)',
    });
    return null;
  }
  source.keepAsText(['eligible_voters', '*']);
  const before = problems.errorCount;
  reportSchemaErrors(ctx.schemas.validate('voters', source.value), source, file, problems, VOTERS_KEYS);
  if (problems.errorCount > before) return null;
  const list = (source.value as { eligible_voters?: unknown[] | null }).eligible_voters ?? [];
  return list.map((_, i) => ({
    raw: source.sourceText(['eligible_voters', i])?.trim() ?? '',
    line: source.lineOf(['eligible_voters', i]) ?? 0,
  }));
}
