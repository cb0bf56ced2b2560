import { type Election, isEligible, isOfficer } from '../../domain/election/election.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ExceptionRequests } from '../ports/exception-requests.js';
import type { User } from '../ports/users.js';
import { type ElectionSummary, byRelevance, summarise } from './election-summary.js';

export interface DashboardEntry extends ElectionSummary {
  readonly eligible: boolean;
  readonly voted: boolean;
  readonly isOfficer: boolean;
  /**
   * Off the roll of an election that is not over, with an exception request the officers have not
   * decided yet: the dashboard says "Exception pending" rather than only "Not eligible".
   */
  readonly exceptionPending: boolean;
}

export interface DashboardView {
  /** Every running election, the user's own standing in each. */
  readonly running: readonly DashboardEntry[];
  readonly upcoming: readonly DashboardEntry[];
  /** Completed elections this user voted in, was eligible for, or served as an officer of. */
  readonly past: readonly DashboardEntry[];
  /** True when all three lists are empty ("nothing to do yet"). */
  readonly empty: boolean;
}

/** A signed-in user's home page: what runs now first, then what comes, then their past elections. */
export class Dashboard {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly exceptionRequests: ExceptionRequests,
  ) {}

  async execute({ user }: { user: User }): Promise<DashboardView> {
    const now = this.clock.now();
    const voted = new Set(await this.ballotBox.votedElectionKeys(user.id));
    const entries = (await Promise.all([...this.catalog.current().elections.values()].map((e) => this.entry(e, user, voted, now)))).sort(byRelevance);
    const running = entries.filter((e) => e.status === 'running');
    const upcoming = entries.filter((e) => e.status === 'upcoming');
    const past = entries.filter((e) => e.status === 'completed' && (e.voted || e.eligible || e.isOfficer));
    return { running, upcoming, past, empty: running.length + upcoming.length + past.length === 0 };
  }

  private async entry(election: Election, user: User, voted: ReadonlySet<string>, now: Date): Promise<DashboardEntry> {
    const summary = summarise(election, now);
    const eligible = isEligible(election, user.login);
    // Only where a request can still matter: one query per election the user is off the roll of.
    const request = !eligible && summary.status !== 'completed' ? await this.exceptionRequests.ofUser(election.key, user.id) : null;
    return {
      ...summary,
      eligible,
      voted: voted.has(election.key),
      isOfficer: isOfficer(election, user.login),
      exceptionPending: request !== null && request.decision === null,
    };
  }
}
