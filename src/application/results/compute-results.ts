import { type Election, type ElectionMethod, isStvMethod } from '../../domain/election/election.js';
import { DEFAULT_LINK_PURGE_DELAY_HOURS, linkPurgeDueAt } from '../../domain/election/link-purge.js';
import {
  type PairStrength,
  type StvBallotTally,
  type StvResult,
  type TallyMethod,
  type TallyResult,
  type UnrankedPolicy,
  countStv,
  tally,
} from '../../domain/tally/index.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import { type IgnoredEntries, accumulateBallots, collectStvBallots, seatCapRule, stvSeatCap, stvSeed } from './tally-election.js';

export interface ComputeResultsInput {
  readonly electionKey: string;
  /** An officer of the election, or null for the operator at the command line. */
  readonly requester: User | null;
  /** Counts with another method than the election's own (`elekto results --method`). */
  readonly method?: ElectionMethod;
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

/** A Condorcet count (a ranking from the pairwise matrix) or a proportional one (STV rounds). */
export type ElectionResults = CondorcetResults | StvResults;

export interface CondorcetResults extends ResultsCommon {
  readonly kind: 'condorcet';
  readonly method: TallyMethod;
  readonly tally: TallyResult;
}

export interface StvResults extends ResultsCommon {
  readonly kind: 'stv';
  readonly method: StvResult['method'];
  readonly stv: StvResult;
  /** Empty ballots left out, and ballots with tied ranks read up to the tie. */
  readonly stvBallots: StvBallotTally;
}

interface ResultsCommon {
  readonly election: Election;
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
 * Results of a completed election, for its officers, counted with the election's `method`. Ballots
 * are streamed (never held as one array) into the pairwise matrix for a Condorcet method, or into
 * distinct rankings for an STV method. Reading results never destroys anything (Elekto purged the links of a
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

    const method = input.method ?? election.method;
    const ballots = this.ballotBox.ballots(election.key);
    const links = { remaining: await this.ballotBox.countLinks(election.key), purgeDueAt: linkPurgeDueAt(election, this.options.linkPurgeDelayHours) };
    const eligible = election.voters?.size ?? 0;
    const turnoutOf = (cast: number): Turnout => ({ ballots: cast, eligible, ratio: eligible > 0 ? cast / eligible : null });

    if (isStvMethod(method)) {
      // Full ballots, not the matrix: distinct rankings with weights, streamed in.
      const { collector, ignored } = await collectStvBallots(election, ballots);
      const stv = countStv(method, collector.input(election.noWinners, stvSeed(election), stvSeatCap(election)));
      return { kind: 'stv', method, election, stv, stvBallots: collector.tally, turnout: turnoutOf(collector.tally.ballots), ignored, links };
    }
    const { accumulator, ignored } = await accumulateBallots(election, ballots, input.unranked);
    const seatCap = seatCapRule(election);
    const result = tally(accumulator.matrix(), {
      method,
      strength: input.strength ?? 'winning',
      seats: election.noWinners,
      ...(seatCap ? { seatCap } : {}),
    });
    return { kind: 'condorcet', method, election, tally: result, turnout: turnoutOf(accumulator.ballots), ignored, links };
  }
}
