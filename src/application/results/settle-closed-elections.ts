import { electionStatus } from '../../domain/election/election.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';

/**
 * Empties the pending pool of every election that has closed, without waiting for the first
 * results computation: the sealed pending rows (readable with APP_KEY) go as soon as voting ends,
 * and a database shared with Elekto shows every ballot. Once closed, an election takes no more
 * ballots, so each is settled once per process.
 */
export class SettleClosedElections {
  private readonly settled = new Set<string>();

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ elections: number; moved: number }> {
    const now = this.clock.now();
    let elections = 0;
    let moved = 0;
    for (const election of this.catalog.current().elections.values()) {
      if (this.settled.has(election.key) || electionStatus(election, now) !== 'completed') continue;
      moved += await this.ballotBox.flush(election.key);
      this.settled.add(election.key);
      elections++;
    }
    return { elections, moved };
  }
}
