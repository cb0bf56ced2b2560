import { type Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { ProblemList } from './problem-list.js';

export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML file (or front-matter block) that still knows where each value came from. */
export class YamlSource {
  constructor(
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** Lines before the YAML text in its file (front matter starts below the delimiter). */
    private readonly lineOffset: number,
  ) {}

  /** Line (1-based, in the file) of the value at `path`; of the key when `atKey` is set. */
  lineOf(path: YamlPath, atKey = false): number | undefined {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return this.rangeLine(node);
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        return this.rangeLine(node);
      }
    }
    return this.rangeLine(atKey && keyNode ? keyNode : node) ?? this.rangeLine(keyNode);
  }

  /** The text of a scalar as written: `0123` stays `0123` where YAML 1.1 would read 83. */
  sourceText(path: YamlPath): string | undefined {
    const node = this.doc.getIn(path as Array<string | number>, true);
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (node.value === null) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- neither a string nor null: a scalar is a number, a boolean or a date, each printing as itself
    return node.source ?? String(node.value);
  }

  /**
   * Makes the values at `pattern` text as written (`*` matches every list item or map key): YAML 1.1
   * reads `y`, `no`, `on`, `12345`, `0123` as booleans or numbers, but an ID, a name or a login is
   * text. Applied before schema validation, so such values validate as strings.
   */
  keepAsText(pattern: ReadonlyArray<string>): void {
    const visit = (value: unknown, path: Array<string | number>, rest: ReadonlyArray<string>, set: (v: string) => void): void => {
      if (rest.length === 0) {
        if (value !== null && value !== undefined && typeof value !== 'object' && typeof value !== 'string') {
          const text = this.sourceText(path);
          if (text !== undefined) set(text);
        }
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const [head, ...tail] = rest as [string, ...string[]];
      const container = value as Record<string | number, unknown>;
      const keys: Array<string | number> = head !== '*' ? [head] : Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      for (const k of keys) {
        if (!Object.prototype.hasOwnProperty.call(container, k)) continue;
        visit(container[k], [...path, k], tail, (v) => (container[k] = v));
      }
    };
    visit(this.value, [], pattern, () => undefined);
  }

  /** Top-level keys that occur more than once, with the line of each repeat. */
  duplicateKeys(path: YamlPath = []): Array<{ key: string; line: number | undefined }> {
    const node = path.length === 0 ? this.doc.contents : this.doc.getIn(path as Array<string | number>, true);
    if (!isMap(node)) return [];
    const seen = new Set<string>();
    const repeats: Array<{ key: string; line: number | undefined }> = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (seen.has(key)) repeats.push({ key, line: this.rangeLine(pair.key) });
      seen.add(key);
    }
    return repeats;
  }

  private rangeLine(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (!range) return undefined;
    return this.lines.linePos(range[0]).line + this.lineOffset;
  }
}

/**
 * YAML 1.1 semantics (`True`/`False`/`yes` are booleans, as PyYAML read them) but without the
 * timestamp type: datetimes stay text so meta-datetime.ts applies one documented rule to quoted and
 * unquoted values alike. Alias expansion is capped; duplicate keys are allowed (PyYAML kept the last)
 * and reported by the callers as warnings. Returns null after recording errors.
 */
export function parseYaml(text: string, file: string, problems: ProblemList, options: { maxAliasCount: number; lineOffset?: number }): YamlSource | null {
  const lines = new LineCounter();
  const lineOffset = options.lineOffset ?? 0;
  const doc = parseDocument(text, {
    version: '1.1',
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 5)) {
      const line = e.pos ? lines.linePos(e.pos[0]).line + lineOffset : undefined;
      problems.error(file, `is not valid YAML: ${firstLine(e.message)}`, {
        line,
        hint: 'check the indentation and quoting near this line (a YAML linter pinpoints it)',
      });
    }
    return null;
  }
  for (const w of doc.warnings.slice(0, 5)) {
    const line = w.pos ? lines.linePos(w.pos[0]).line + lineOffset : undefined;
    problems.warning(file, `YAML: ${firstLine(w.message)}`, { line });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount });
  } catch (e) {
    problems.error(file, `could not be read: ${e instanceof Error ? firstLine(e.message) : String(e)}`, {
      hint: `YAML aliases (*name) may expand to at most ${options.maxAliasCount} copies`,
    });
    return null;
  }
  return new YamlSource(value, doc, lines, lineOffset);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
