/** Bad input in an officers' ballots CSV, located by line (1 = header) and column (1-based). */
export class BallotsCsvError extends Error {
  readonly line: number;
  readonly column: number | undefined;

  constructor(line: number, column: number | undefined, problem: string) {
    super(`line ${line}${column === undefined ? '' : `, column ${column}`}: ${problem}`);
    this.name = 'BallotsCsvError';
    this.line = line;
    this.column = column;
  }
}
