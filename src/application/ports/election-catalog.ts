import type { Election } from '../../domain/election/election.js';

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong (or worth a look) in the meta repository. */
export interface MetaProblem {
  readonly severity: ProblemSeverity;
  /** Path relative to the meta root, e.g. `elections/2021/GB/election.yaml`. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
  readonly hint?: string;
  /** The election the problem belongs to, when it belongs to one. */
  readonly electionKey?: string;
}

/** An immutable view of the meta repository at one revision. Pages only ever read this. */
export interface CatalogSnapshot {
  readonly revision: string | null;
  readonly syncedAt: Date | null;
  /** Keyed by election key; iteration order is key order. */
  readonly elections: ReadonlyMap<string, Election>;
  readonly problems: readonly MetaProblem[];
}

export interface ElectionCatalog {
  current(): CatalogSnapshot;
  /** Swaps the whole snapshot at once: readers see the old or the new one, never a mix. */
  replace(snapshot: CatalogSnapshot): void;
}
