import { denseEntries } from '../../domain/ballot/dense-ranks.js';
import { NO_OPINION_RANK, type Ranking, rankingFromEntries } from '../../domain/ballot/ranking.js';
import { candidateIds, electionStatus, findCandidate } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import { requireElection } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { BallotSealer } from '../ports/ballot-sealer.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { AttemptLimit, PassphraseAttempts } from '../ports/passphrase-attempts.js';
import type { User } from '../ports/users.js';
import { BallotRequestGate } from './ballot-request-gate.js';
import { OwnBallotLink } from './own-ballot-link.js';

export interface ViewBallotInput {
  readonly user: User;
  readonly electionKey: string;
  readonly passphrase: string;
}

export interface OwnBallotEntry {
  readonly candidate: string;
  /** Display name, or the id when the candidate is no longer in the meta repository. */
  readonly name: string;
  /** Null = "No opinion". */
  readonly rank: number | null;
}

export interface OwnBallot {
  readonly electionKey: string;
  /** Best rank first; "No opinion" last; candidates in election order within a rank. */
  readonly entries: readonly OwnBallotEntry[];
  /** The same ballot as tiers of known candidates (empty when nothing recognisable is ranked). */
  readonly ranking: Ranking;
  /** Its tracker, to find it in the bulletin after the close; null when it has none. */
  readonly tracker: string | null;
}

/** The voter's own ballot, with their passphrase; while the election runs and afterwards until links are purged. */
export class ViewBallot {
  private readonly link: OwnBallotLink;
  private readonly gate: BallotRequestGate;

  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    sealer: BallotSealer,
    attempts: PassphraseAttempts,
    private readonly clock: Clock,
    options: { attemptLimit?: AttemptLimit; gate?: BallotRequestGate } = {},
  ) {
    this.link = new OwnBallotLink(ballotBox, sealer, attempts, options.attemptLimit);
    this.gate = options.gate ?? new BallotRequestGate();
  }

  execute(input: ViewBallotInput): Promise<OwnBallot> {
    return this.gate.through(input.electionKey, input.user.id, () => this.view(input));
  }

  private async view({ user, electionKey, passphrase }: ViewBallotInput): Promise<OwnBallot> {
    const election = requireElection(this.catalog, electionKey);
    if (electionStatus(election, this.clock.now()) === 'upcoming') {
      throw new DomainError('ELECTION_NOT_RUNNING', `"${election.name}" has not started yet.`, { electionKey });
    }
    const ballotId = await this.link.open(election, user, passphrase);
    const stored = await this.ballotBox.ballot(electionKey, ballotId);
    // A link that opens to no ballot means the store is inconsistent: a bug, not a user error.
    if (!stored) throw new Error(`Ballot link of election ${electionKey} opens to a missing ballot.`);

    const order = new Map(candidateIds(election).map((id, i) => [id, i]));
    // Dense like every other view of a ballot; a ballot Elekto stored may have any integers.
    const entries = denseEntries(stored.entries)
      .map((e) => ({
        candidate: e.candidate,
        name: findCandidate(election, e.candidate)?.name ?? e.candidate,
        rank: e.rank === NO_OPINION_RANK ? null : e.rank,
      }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (order.get(a.candidate) ?? Infinity) - (order.get(b.candidate) ?? Infinity));
    return { electionKey, entries, ranking: safeRanking(stored.entries, [...order.keys()]), tracker: stored.tracker ?? null };
  }
}

function safeRanking(entries: readonly { candidate: string; rank: number }[], ids: string[]): Ranking {
  const known = new Set(ids);
  try {
    return rankingFromEntries(
      entries.filter((e) => known.has(e.candidate)),
      ids,
    );
  } catch {
    return [];
  }
}
