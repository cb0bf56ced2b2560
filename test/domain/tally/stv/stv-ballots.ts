/** Small builders for STV test elections: ballots written as names, or as BLT-style numbers. */
import type { StvBallot } from '../../../../src/domain/tally/stv/index.js';

/** `['5: A B', '2: C']` → five ballots ranking A then B, two ranking only C. */
export function namedBallots(candidates: readonly string[], lines: readonly string[]): StvBallot[] {
  return lines.map((line) => {
    const [count, ranking] = line.split(':');
    const preferences = (ranking ?? '')
      .trim()
      .split(/\s+/)
      .filter((name) => name !== '')
      .map((name) => {
        const index = candidates.indexOf(name);
        if (index < 0) throw new Error(`unknown candidate ${name} in "${line}"`);
        return index;
      });
    return { preferences, weight: Number(count) };
  });
}

/** `'3:7 8 9'` (BLT numbering, 1-based) → three ballots ranking candidates 7, 8, 9. */
export function bltBallots(text: string): StvBallot[] {
  return text
    .trim()
    .split('|')
    .map((entry) => {
      const [count, ranking] = entry.split(':');
      const preferences = (ranking ?? '')
        .trim()
        .split(/\s+/)
        .map((n) => Number(n) - 1);
      return { preferences, weight: Number(count) };
    });
}
