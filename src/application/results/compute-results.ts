import type { Election } from '../../domain/election/election.js';
import { DEFAULT_LINK_PURGE_DELAY_HOURS, linkPurgeDueAt } from '../../domain/election/link-purge.js';
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
  /** Reading results destroys nothing: what is left of the voter-to-ballot links, and when they go. */
  readonly links: BallotLinks;
}

export interface BallotLinks {
  /** Voters who can still open their ballot with their passphrase. */
  readonly remaining: number;
  /** `delete_after`: when a running `elekto serve` destroys them; null: kept until an officer does. */
  readonly purgeDueAt: Date | null;
}

/**
 * Results of a completed election, for its officers. Ballots are streamed into the pairwise matrix
 * (never held as one array). Reading results never destroys anything (Elekto purged the links of a
 * `delete_after` election here, so one GET did it): the links go at `linkPurgeDueAt`, or when an
 * officer destroys them (PurgeLinks).
 */
export class ComputeResults {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly options: { readonly linkPurgeDelayHours: number } = { linkPurgeDelayHours: DEFAULT_LINK_PURGE_DELAY_HOURS },
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
    const links = { remaining: await this.ballotBox.countLinks(election.key), purgeDueAt: linkPurgeDueAt(election, this.options.linkPurgeDelayHours) };
    const eligible = election.voters?.size ?? 0;
    const ballots = accumulator.ballots;
    return {
      election,
      tally: result,
      turnout: { ballots, eligible, ratio: eligible > 0 ? ballots / eligible : null },
      ignored,
      links,
    };
  }
}
