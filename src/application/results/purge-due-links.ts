import { electionStatus } from '../../domain/election/election.js';
import { linkPurgeDueAt } from '../../domain/election/link-purge.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';

/**
 * The automatic half of `delete_after`: once an election has been closed for the configured delay,
 * every voter-to-ballot link is destroyed (a running `elekto serve` calls this every minute). Each
 * election is purged once per process; purging again would find nothing anyway.
 */
export class PurgeDueLinks {
  private readonly done = new Set<string>();

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly options: { readonly linkPurgeDelayHours: number },
  ) {}

  async execute(): Promise<{ elections: string[]; purged: number }> {
    const now = this.clock.now();
    const elections: string[] = [];
    let purged = 0;
    for (const election of this.catalog.current().elections.values()) {
      const due = linkPurgeDueAt(election, this.options.linkPurgeDelayHours);
      if (due === null || due > now || this.done.has(election.key) || electionStatus(election, now) !== 'completed') continue;
      purged += await this.ballotBox.purgeLinks(election.key);
      this.done.add(election.key);
      elections.push(election.key);
    }
    return { elections, purged };
  }
}
