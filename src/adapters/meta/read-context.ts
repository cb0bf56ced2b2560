import type { MetaLimits } from './limits.js';
import type { MarkdownRenderer } from '../shared/markdown-renderer.js';
import type { MetaFiles } from './meta-files.js';
import type { MetaSchemas } from './meta-schemas.js';
import type { ProblemList } from './problem-list.js';
import { type YamlSource, parseYaml } from './yaml-source.js';

/** What every file reader needs for one read of the meta tree. */
export interface ReadContext {
  readonly files: MetaFiles;
  readonly schemas: MetaSchemas;
  readonly renderer: MarkdownRenderer;
  readonly limits: MetaLimits;
}

/** Reads a text file, turning a refusal into an error. `undefined` = missing, null = refused. */
export async function readTextOrReport(ctx: ReadContext, file: string, maxBytes: number, problems: ProblemList): Promise<string | null | undefined> {
  const read = await ctx.files.readText(file, maxBytes);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'refused') {
    problems.error(file, read.message, { line: read.line, hint: read.hint });
    return null;
  }
  return read.text;
}

/** Parses YAML with the context's alias cap; reports duplicate top-level keys (the last wins, as in PyYAML). */
export function parseYamlOrReport(ctx: ReadContext, text: string, file: string, problems: ProblemList, lineOffset = 0): YamlSource | null {
  const source = parseYaml(text, file, problems, { maxAliasCount: ctx.limits.maxAliasCount, lineOffset });
  for (const dup of source?.duplicateKeys() ?? []) {
    problems.warning(file, `key \`${dup.key}\` appears more than once; the last one is used`, {
      line: dup.line,
      hint: 'delete the repeated key',
    });
  }
  return source;
}
