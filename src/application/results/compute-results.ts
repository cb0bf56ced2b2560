import type { Election } from '../../domain/election/election.js';
import { type PairStrength, type TallyMethod, type TallyResult, type UnrankedPolicy, tally } from '../../domain/tally/index.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import { type IgnoredEntries, accumulateBallots, seatCapRule } from './tally-election.js';

export interface ComputeResultsInput {
  readonly electionKey: string;
  /** An officer of the election, or null for the operator at the command line. */
  readonly requester: User | null;
  readonly method?: TallyMethod;
  readonly strength?: PairStrength;
  readonly unranked?: UnrankedPolicy;
}

export interface Turnout {
  readonly ballots: number;
  /** Size of the voter roll. */
  readonly eligible: number;
  /** ballots / eligible; null when the roll is empty. */
  readonly ratio: number | null;
}

export interface ElectionResults {
  readonly election: Election;
  readonly tally: TallyResult;
  readonly turnout: Turnout;
  readonly ignored: IgnoredEntries;
  /** Voter-to-ballot links destroyed by this computation (delete_after); 0 otherwise. */
  readonly linksPurged: number;
}

/**
 * Results of a completed election, for its officers. Ballots are streamed into the pairwise matrix
 * (never held as one array). With `delete_after: true` the first computation also destroys every
 * voter-to-ballot link, as Elekto's documentation promised; the ballots stay.
 */
export class ComputeResults {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
  ) {}

  async execute(input: ComputeResultsInput): Promise<ElectionResults> {
    const election = requireElection(this.catalog, input.electionKey);
    requireOfficer(election, input.requester);
    requireCompleted(election, this.clock.now());

    const { accumulator, ignored } = await accumulateBallots(election, this.ballotBox.ballots(election.key), input.unranked);
    const seatCap = seatCapRule(election);
    const result = tally(accumulator.matrix(), {
      method: input.method ?? 'schulze',
      strength: input.strength ?? 'winning',
      seats: election.noWinners,
      ...(seatCap ? { seatCap } : {}),
    });
    const linksPurged = election.deleteAfter ? await this.ballotBox.purgeLinks(election.key) : 0;
    const eligible = election.voters?.size ?? 0;
    const ballots = accumulator.ballots;
    return {
      election,
      tally: result,
      turnout: { ballots, eligible, ratio: eligible > 0 ? ballots / eligible : null },
      ignored,
      linksPurged,
    };
  }
}
