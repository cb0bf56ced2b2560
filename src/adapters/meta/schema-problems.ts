import type { ErrorObject } from 'ajv/dist/2020.js';
import { DATETIME_HINT } from './meta-datetime.js';
import { closestName } from './key-suggestions.js';
import { pathOf } from './meta-schemas.js';
import type { ProblemList } from './problem-list.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'True or False',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'blank',
};

/** Hints for fields whose fix is not obvious from the message. */
const FIELD_HINTS: Record<string, string> = {
  start_datetime: DATETIME_HINT,
  end_datetime: DATETIME_HINT,
  exception_due: DATETIME_HINT,
  exceptions_due: DATETIME_HINT,
  ID: 'use the GitHub login of the candidate (letters, digits, `-`, `_`, `.`), as in the file name candidate-<ID>.md',
  eligible_voters: 'write `eligible_voters:` followed by one `- login` line per voter (or `eligible_voters: []`)',
  name: 'add a line like `name: 2024 Steering Committee Election`',
};

function label(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || 'the file';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'blank';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let v = root;
  for (const s of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[s];
  return v;
}

/**
 * Turns ajv errors into problems with file, line and a hint. Unknown keys are warnings (Elekto
 * ignored them; a misspelling gets a "did you mean"), everything else is an error. Returns the
 * labels of the paths that failed, so semantic checks do not report the same value twice.
 */
export function reportSchemaErrors(
  errors: readonly ErrorObject[],
  source: YamlSource,
  file: string,
  problems: ProblemList,
  knownKeys: readonly string[],
): Set<string> {
  const failed = new Set<string>();
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    const field = String(path.at(-1) ?? '');
    const hint = FIELD_HINTS[field];
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const guess = path.length === 0 ? closestName(key, knownKeys) : undefined;
      problems.warning(file, `unknown key \`${label([...path, key])}\` is ignored`, {
        line: source.lineOf([...path, key], true),
        hint: guess ? `did you mean \`${guess}\`?` : `known keys: ${knownKeys.join(', ')}`,
      });
      continue;
    }
    failed.add(label(path));
    const line = source.lineOf(path, false);
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      failed.add(label([...path, missing]));
      problems.error(file, `\`${label([...path, missing])}\` is missing`, { line: path.length ? line : undefined, hint: FIELD_HINTS[missing] });
    } else if (e.keyword === 'type') {
      const wanted = String((e.params as { type: string | string[] }).type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t);
      problems.error(file, `\`${label(path)}\` must be ${wanted.join(' or ')}, not ${describe(valueAt(source.value, path))}`, { line, hint });
    } else if (e.keyword === 'pattern' || e.keyword === 'minLength') {
      const v = valueAt(source.value, path);
      const what = field.endsWith('_datetime') || field.endsWith('_due') ? 'is not a date and time' : 'is not valid';
      problems.error(file, `\`${label(path)}\` ${v === '' ? 'is empty' : `${what}: ${describe(v)}`}`, { line, hint });
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      problems.error(file, `\`${label(path)}\` must be one of ${allowed.join(', ')}, not ${describe(valueAt(source.value, path))}`, {
        line,
        hint: hint ?? `write one of: ${allowed.join(', ')}`,
      });
    } else if (e.keyword === 'minimum') {
      problems.error(file, `\`${label(path)}\` must be at least ${String((e.params as { limit: number }).limit)}`, { line, hint });
    } else {
      problems.error(file, `\`${label(path)}\` ${e.message ?? 'is not valid'}`, { line, hint });
    }
  }
  return failed;
}

export { label as pathLabel };
