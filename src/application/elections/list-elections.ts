import { isElectionStatus } from '../../domain/election/schedule.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import { type ElectionSummary, byRelevance, summarise } from './election-summary.js';

export interface ElectionList {
  /** The filter that was applied; null = all. An unknown filter value lists nothing, as in Elekto. */
  readonly status: ElectionStatus | null;
  readonly unknownFilter: boolean;
  readonly elections: readonly ElectionSummary[];
}

/** Every election of the catalog, optionally of one status, in relevance order. Public. */
export class ListElections {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly clock: Clock,
  ) {}

  execute({ status }: { status?: string | null } = {}): ElectionList {
    const now = this.clock.now();
    const wanted = status === undefined || status === null || status === '' ? null : status;
    if (wanted !== null && !isElectionStatus(wanted)) return { status: null, unknownFilter: true, elections: [] };
    const elections = [...this.catalog.current().elections.values()]
      .map((e) => summarise(e, now))
      .filter((s) => wanted === null || s.status === wanted)
      .sort(byRelevance);
    return { status: wanted, unknownFilter: false, elections };
  }
}
