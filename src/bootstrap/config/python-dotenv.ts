/**
 * Reads a dotenv file the way Elekto did: with python-dotenv's rules (its parser.py, variables.py and
 * resolve_variables in main.py, version 1.x), so an operator's `.env` means here what it meant there.
 *
 * Why not the `dotenv` npm package: its parser ends an unquoted value at the first `#`
 * (`META_SECRET=abc#def` reads `abc`), and `dotenv-expand` also expands `$VAR` and reads `${VAR:-x}`
 * differently. python-dotenv's rules, which this file ports statement by statement:
 * - `KEY=value`, `export KEY=value`, spaces around `=` are dropped; a line with only `KEY` unsets it.
 * - Unquoted values run to the end of the line; a `#` starts a comment only after whitespace
 *   (`a#b` is `a#b`, `a #b` is `a`); trailing whitespace is dropped.
 * - 'single quotes': only \\ and \' are escapes. "double quotes": \\ \' \" \a \b \f \n \r \t \v are.
 *   Both may span lines. After the closing quote only whitespace or a `# comment` may follow.
 * - `${NAME}` and `${NAME:-default}` are expanded in every value, single-quoted ones included
 *   (python-dotenv does not look at the quotes); `$NAME` without braces is kept as written. The
 *   default applies only when NAME is not set at all (an empty value is kept).
 * - A statement python-dotenv cannot parse is skipped there (with a warning); here it is reported by
 *   line so start-up can name it.
 */

export type Binding = { readonly key: string; readonly value: string | null };

/** The statements of a dotenv text, in order, and the first line of each statement that does not parse. */
export function parseDotenv(text: string): { bindings: Binding[]; badLines: number[] } {
  const reader = new Reader(text.replace(/^\uFEFF/, ''));
  const bindings: Binding[] = [];
  const badLines: number[] = [];
  while (reader.hasNext()) {
    const start = reader.position;
    try {
      const binding = readBinding(reader);
      if (binding) bindings.push(binding);
    } catch (e) {
      if (!(e instanceof NoMatch)) throw e;
      badLines.push(reader.lineAt(start));
      // like python-dotenv: skip to the end of the line where reading stopped (an unclosed quote
      // may have swallowed the lines up to the next quote)
      reader.read(REST_OF_LINE);
    }
  }
  return { bindings, badLines };
}

/**
 * python-dotenv's resolve_variables with override=False, the choice that matches ours (the process
 * environment wins over the file): `${NAME}` takes NAME from the process environment first, then
 * from the lines above it in the file.
 */
export function expandDotenv(bindings: readonly Binding[], processEnv: Readonly<Record<string, string | undefined>>): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const { key, value } of bindings) {
    if (value === null) {
      values.set(key, null);
      continue;
    }
    const expanded = value.replace(VARIABLE, (_all, name: string, fallback: string | undefined) => {
      const fromProcess = processEnv[name];
      const found = fromProcess !== undefined ? fromProcess : values.has(name) ? values.get(name) : (fallback ?? '');
      return found ?? '';
    });
    values.set(key, expanded);
  }
  return values;
}

const VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

// The regular expressions of python-dotenv's parser.py; sticky, so each one matches where the reader is.
const MULTILINE_WHITESPACE = /\s*/y;
const WHITESPACE = /[^\S\r\n]*/y;
const EXPORT = /(?:export[^\S\r\n]+)?/y;
const SINGLE_QUOTED_KEY = /'([^']+)'/y;
const UNQUOTED_KEY = /([^=#\s]+)/y;
const EQUAL_SIGN = /(=[^\S\r\n]*)/y;
const SINGLE_QUOTED_VALUE = /'((?:\\'|[^'])*)'/y;
const DOUBLE_QUOTED_VALUE = /"((?:\\"|[^"])*)"/y;
const UNQUOTED_VALUE = /([^\r\n]*)/y;
const COMMENT = /(?:[^\S\r\n]*#[^\r\n]*)?/y;
const END_OF_LINE = /[^\S\r\n]*(?:\r\n|\n|\r|$)/y;
const REST_OF_LINE = /[^\r\n]*(?:\r|\n|\r\n)?/y;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const ESCAPED: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

class NoMatch extends Error {}

class Reader {
  position = 0;
  constructor(private readonly text: string) {}
  hasNext(): boolean {
    return this.position < this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.position);
  }
  read(regex: RegExp): string {
    regex.lastIndex = this.position;
    const m = regex.exec(this.text);
    if (!m) throw new NoMatch();
    this.position = regex.lastIndex;
    return m[1] ?? '';
  }
  lineAt(index: number): number {
    const before = this.text.slice(0, index);
    let line = 1 + (before.match(/\r\n|\n|\r/g)?.length ?? 0);
    // the statement starts after the blank lines python-dotenv skips first
    const skipped = /^\s*/.exec(this.text.slice(index))![0];
    line += skipped.match(/\r\n|\n|\r/g)?.length ?? 0;
    return line;
  }
}

function readBinding(reader: Reader): Binding | null {
  reader.read(MULTILINE_WHITESPACE);
  if (!reader.hasNext()) return null;
  reader.read(EXPORT);
  const key = reader.peek() === '#' ? null : reader.read(reader.peek() === "'" ? SINGLE_QUOTED_KEY : UNQUOTED_KEY);
  reader.read(WHITESPACE);
  let value: string | null = null;
  if (reader.peek() === '=') {
    reader.read(EQUAL_SIGN);
    value = readValue(reader);
  }
  reader.read(COMMENT);
  reader.read(END_OF_LINE);
  return key === null ? null : { key, value };
}

function readValue(reader: Reader): string {
  const c = reader.peek();
  if (c === "'") return reader.read(SINGLE_QUOTED_VALUE).replace(SINGLE_QUOTE_ESCAPES, (e) => ESCAPED[e[1]!]!);
  if (c === '"') return reader.read(DOUBLE_QUOTED_VALUE).replace(DOUBLE_QUOTE_ESCAPES, (e) => ESCAPED[e[1]!]!);
  if (c === '' || c === '\n' || c === '\r') return '';
  return reader
    .read(UNQUOTED_VALUE)
    .replace(/\s+#.*/, '')
    .trimEnd();
}
