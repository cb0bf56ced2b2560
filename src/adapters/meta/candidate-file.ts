import type { Candidate } from '../../domain/election/candidate.js';
import { splitFrontMatter } from './front-matter.js';
import { MetaSchemas } from './meta-schemas.js';
import type { ProblemList } from './problem-list.js';
import { type ReadContext, parseYamlOrReport, readTextOrReport } from './read-context.js';
import { reportSchemaErrors } from './schema-problems.js';
import type { YamlSource } from './yaml-source.js';

const CANDIDATE_KEYS = MetaSchemas.knownKeys('candidate');
const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

export interface CandidateReading {
  readonly candidate: Candidate;
  readonly idLine: number | undefined;
  /** Line of `info:` (or of `ID` when there is none), and of each field, for later warnings. */
  readonly infoLine: number | undefined;
  readonly fieldLines: ReadonlyMap<string, number | undefined>;
}

/**
 * One candidate-*.md file. Any error here drops this candidate only (reported); the election still
 * loads without it, so one bad pull request never locks every voter out as it did in Elekto.
 */
export async function readCandidateFile(ctx: ReadContext, file: string, fileName: string, problems: ProblemList): Promise<CandidateReading | null> {
  const text = await readTextOrReport(ctx, file, ctx.limits.maxMarkdownFileBytes, problems);
  if (text === null || text === undefined) return null;
  const split = splitFrontMatter(text);
  if (!split.ok) {
    problems.error(file, split.message, { line: split.line, hint: split.hint });
    return null;
  }
  const source = parseYamlOrReport(ctx, split.yaml, file, problems, split.yamlLineOffset);
  if (!source) return null;
  const fm = source.value;
  if (fm === null || typeof fm !== 'object' || Array.isArray(fm)) {
    problems.error(file, 'front matter is not a set of `key: value` lines', {
      line: split.yamlLineOffset,
      hint: 'write `name:`, `ID:` and `info:` on separate lines between the dash lines',
    });
    return null;
  }
  for (const text of [['name'], ['ID'], ['info', '*', '*'], ['info', '*']]) source.keepAsText(text);
  const before = problems.errorCount;
  const failed = reportSchemaErrors(ctx.schemas.validate('candidate', fm), source, file, problems, CANDIDATE_KEYS);
  const id = source.sourceText(['ID'])?.trim() ?? '';
  const idLine = source.lineOf(['ID']);
  if (!failed.has('ID') && !SAFE_ID.test(id)) {
    problems.error(file, `\`ID\` is not valid: ${JSON.stringify(id)}`, {
      line: idLine,
      hint: 'use the GitHub login of the candidate (letters, digits, `-`, `_`, `.`), as in the file name candidate-<ID>.md',
    });
  }
  if (problems.errorCount > before) return null;

  const name = source.sourceText(['name'])?.trim() || id;
  if (!source.sourceText(['name'])?.trim()) {
    problems.warning(file, '`name` is missing; the ID is shown instead', { line: idLine, hint: 'add a line `name: Full Name`' });
  }
  if (fileName !== `candidate-${id}.md`) {
    problems.warning(file, `the file name does not match \`ID: ${id}\``, {
      line: idLine,
      hint: `rename the file to candidate-${id}.md (the candidate is still listed and its profile opens)`,
    });
  }
  const fieldLines = new Map<string, number | undefined>();
  const info = readInfo(source, file, problems, fieldLines);
  return {
    candidate: { id, name, info, fileName, bioHtml: ctx.renderer.render(split.body.replace(/^\n+/, '')) },
    idLine,
    infoLine: (fm as { info?: unknown }).info === undefined ? idLine : source.lineOf(['info'], true),
    fieldLines,
  };
}

/** `info` as a list of single-key maps or as one map, flattened to strings in file order. */
function readInfo(source: YamlSource, file: string, problems: ProblemList, lines: Map<string, number | undefined>): Record<string, string> {
  const info = (source.value as { info?: unknown }).info;
  const entries = new Map<string, string>();
  const put = (key: string, path: Array<string | number>) => {
    const text = source.sourceText(path);
    entries.set(key, text?.trim() ?? '');
    lines.set(key, source.lineOf(path, true));
  };
  if (Array.isArray(info)) {
    info.forEach((item: unknown, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return warnNotAField(source, file, i, problems);
      const keys = Object.keys(item);
      if (keys.length > 1) {
        problems.warning(file, `\`info[${i}]\` has ${keys.length} keys on one list item`, {
          line: source.lineOf(['info', i]),
          hint: 'write each field as its own `- key: value` line',
        });
      }
      for (const key of keys) put(key, ['info', i, key]);
    });
  } else if (info && typeof info === 'object') {
    for (const key of Object.keys(info)) put(key, ['info', key]);
  }
  // No prototype: a field named `constructor` or `__proto__` is just a field.
  return Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(entries));
}

/**
 * `info:\n  - Independent` (seen in a real repository): a list item that is not `key: value`. Elekto
 * kept the candidate (only its profile page failed), so the candidate stays and the item is ignored.
 */
function warnNotAField(source: YamlSource, file: string, i: number, problems: ProblemList): void {
  const item = (source.value as { info: unknown[] }).info[i];
  const text = Array.isArray(item) ? 'a list' : (source.sourceText(['info', i])?.trim() ?? '');
  const line = source.lineOf(['info', i]);
  if (item === null || text === '') {
    problems.warning(file, `\`info[${i}]\` is empty; it is ignored`, { line, hint: 'delete the lone `-` line' });
    return;
  }
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const what = Array.isArray(item) ? 'a list' : `\`${shown}\``;
  problems.warning(file, `\`info[${i}]\` is ${what}, not a \`key: value\` line; it is ignored`, {
    line,
    hint: Array.isArray(item) ? 'write each field as its own `- key: value` line' : `name the field, as in \`- employer: ${shown}\``,
  });
}
