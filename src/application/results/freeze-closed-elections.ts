import { electionStatus } from '../../domain/election/election.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { FreezeBulletin } from './freeze-bulletin.js';

export interface FreezeReport {
  /** Elections whose bulletin this run froze or found frozen. */
  readonly frozen: number;
  /** Elections that could not be frozen this time, with why; the next run tries again. */
  readonly failed: ReadonlyArray<{ readonly electionKey: string; readonly error: unknown }>;
}

/**
 * Freezes the bulletin of every election that has closed (see FreezeBulletin), once per process
 * each: the server runs it at start-up and every minute, right after the pending pools are emptied.
 */
export class FreezeClosedElections {
  private readonly done = new Set<string>();

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly freeze: Pick<FreezeBulletin, 'execute'>,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<FreezeReport> {
    const now = this.clock.now();
    let frozen = 0;
    const failed: Array<{ electionKey: string; error: unknown }> = [];
    for (const election of this.catalog.current().elections.values()) {
      if (this.done.has(election.key) || electionStatus(election, now) !== 'completed') continue;
      try {
        await this.freeze.execute(election.key);
        this.done.add(election.key);
        frozen++;
      } catch (error) {
        failed.push({ electionKey: election.key, error });
      }
    }
    return { frozen, failed };
  }
}
