import type { BallotBox, CastBallot, ReplaceBallot, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { ElectionKeyScope } from './election-key-scope.js';

/** The shared ballot box, seen from one organization: its election keys are mapped to stored keys. */
export class ScopedBallotBox implements BallotBox {
  constructor(
    private readonly inner: BallotBox,
    private readonly scope: ElectionKeyScope,
  ) {}

  cast(ballot: CastBallot): Promise<void> {
    return this.inner.cast({ ...ballot, electionKey: this.scope.stored(ballot.electionKey) });
  }

  replace(ballot: ReplaceBallot): Promise<void> {
    return this.inner.replace({ ...ballot, electionKey: this.scope.stored(ballot.electionKey) });
  }

  async mark(electionKey: string, userId: number): Promise<VoterMark | null> {
    const mark = await this.inner.mark(this.scope.stored(electionKey), userId);
    return mark && { ...mark, electionKey };
  }

  ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null> {
    return this.inner.ballot(this.scope.stored(electionKey), ballotId);
  }

  revoke(electionKey: string, userId: number, ballotId: string): Promise<void> {
    return this.inner.revoke(this.scope.stored(electionKey), userId, ballotId);
  }

  flush(electionKey: string): Promise<number> {
    return this.inner.flush(this.scope.stored(electionKey));
  }

  ballots(electionKey: string): AsyncIterable<StoredBallot> {
    return this.inner.ballots(this.scope.stored(electionKey));
  }

  countBallots(electionKey: string): Promise<number> {
    return this.inner.countBallots(this.scope.stored(electionKey));
  }

  countVoters(electionKey: string): Promise<number> {
    return this.inner.countVoters(this.scope.stored(electionKey));
  }

  purgeLinks(electionKey: string): Promise<number> {
    return this.inner.purgeLinks(this.scope.stored(electionKey));
  }

  countLinks(electionKey: string): Promise<number> {
    return this.inner.countLinks(this.scope.stored(electionKey));
  }

  countLinksByScheme(electionKey: string): Promise<ReadonlyMap<string, number>> {
    return this.inner.countLinksByScheme(this.scope.stored(electionKey));
  }

  /** Only this organization's elections: a vote elsewhere is none of its pages' business. */
  async votedElectionKeys(userId: number): Promise<string[]> {
    const keys = await this.inner.votedElectionKeys(userId);
    return keys.filter((k) => this.scope.owns(k)).map((k) => this.scope.local(k));
  }
}
