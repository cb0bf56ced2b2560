import type { MetaProblem } from '../../application/ports/election-catalog.js';
import type { FileSystemMetaReading } from './file-system-meta-reader.js';

export interface JsonProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
  readonly hint: string | null;
}

export interface CheckMetaJson {
  readonly elections: ReadonlyArray<{
    readonly key: string;
    readonly path: string;
    readonly ok: boolean;
    readonly candidates: number;
    readonly problems: readonly JsonProblem[];
  }>;
  readonly problems: readonly JsonProblem[];
  readonly errors: number;
  readonly warnings: number;
}

const toJson = (p: MetaProblem): JsonProblem => ({
  severity: p.severity,
  file: p.file,
  line: p.line ?? null,
  message: p.message,
  hint: p.hint ?? null,
});

/** The `--json` shape of issue 3; `path` is the folder relative to the meta root, like `file`. */
export function checkMetaJson(reading: FileSystemMetaReading): CheckMetaJson {
  const all = reading.problems;
  return {
    elections: reading.findings.map((f) => ({
      key: f.key,
      path: f.dir,
      ok: f.ok,
      candidates: f.candidates,
      problems: f.problems.map(toJson),
    })),
    problems: reading.generalProblems.map(toJson),
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
  };
}

function problemLines(p: MetaProblem): string[] {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const lines = [`  ${p.severity.padEnd(7)} ${where}: ${p.message}`];
  if (p.hint) lines.push(`  ${''.padEnd(7)} hint: ${p.hint}`);
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Human output: one block per election (problems under it), general problems, a summary line. */
export function checkMetaText(reading: FileSystemMetaReading): string {
  const out: string[] = [];
  for (const f of reading.findings) {
    const errors = f.problems.filter((p) => p.severity === 'error').length;
    const warnings = f.problems.length - errors;
    const status = !f.loaded ? 'FAIL' : errors > 0 ? 'FAIL' : warnings > 0 ? 'warn' : 'ok';
    const detail = [plural(f.candidates, 'candidate')];
    if (errors) detail.push(plural(errors, 'error'));
    if (warnings) detail.push(plural(warnings, 'warning'));
    if (!f.loaded) detail.push('not loaded');
    out.push(`${status.padEnd(4)} ${f.key}  (${f.dir})  ${detail.join(', ')}`);
    for (const p of f.problems) out.push(...problemLines(p));
  }
  if (reading.generalProblems.length > 0) {
    out.push('Not tied to one election:');
    for (const p of reading.generalProblems) out.push(...problemLines(p));
  }
  const json = checkMetaJson(reading);
  out.push('');
  out.push(`${plural(reading.findings.length, 'election')} checked: ${plural(json.errors, 'error')}, ${plural(json.warnings, 'warning')}.`);
  return `${out.join('\n')}\n`;
}
