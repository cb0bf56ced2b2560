import type { MetaProblem, ProblemSeverity } from '../../application/ports/election-catalog.js';

export interface ProblemDetails {
  readonly line?: number | undefined;
  readonly hint?: string | undefined;
}

/** Collects problems, stamping each with the election it belongs to (if any). */
export class ProblemList {
  readonly items: MetaProblem[] = [];

  constructor(private readonly electionKey?: string) {}

  error(file: string, message: string, details: ProblemDetails = {}): void {
    this.add('error', file, message, details);
  }

  warning(file: string, message: string, details: ProblemDetails = {}): void {
    this.add('warning', file, message, details);
  }

  /** A list for the same election, merged back later with `append` (keeps concurrent reads in order). */
  child(): ProblemList {
    return new ProblemList(this.electionKey);
  }

  append(other: ProblemList): void {
    this.items.push(...other.items);
  }

  get errorCount(): number {
    return this.items.filter((p) => p.severity === 'error').length;
  }

  private add(severity: ProblemSeverity, file: string, message: string, details: ProblemDetails): void {
    const problem: { -readonly [K in keyof MetaProblem]: MetaProblem[K] } = { severity, file, message };
    if (details.line !== undefined) problem.line = details.line;
    if (details.hint !== undefined) problem.hint = details.hint;
    if (this.electionKey !== undefined) problem.electionKey = this.electionKey;
    this.items.push(problem);
  }
}
