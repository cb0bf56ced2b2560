import type { Election } from '../../domain/election/election.js';
import type { MetaProblem } from './election-catalog.js';
import type { MetaTree } from './meta-source.js';

export interface MetaReading {
  /** Every election that parsed without an error, keyed by election key. */
  readonly elections: ReadonlyMap<string, Election>;
  /** Keys of elections that were found but could not be read (an error is among the problems). */
  readonly brokenKeys: readonly string[];
  readonly problems: readonly MetaProblem[];
}

/** Parses and validates a whole meta tree (YAML, Markdown, front matter). */
export interface MetaReader {
  read(tree: MetaTree): Promise<MetaReading>;
}
