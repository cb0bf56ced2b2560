import type { BallotBox, CastBallot, SealedLink, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { DomainError } from '../../../domain/errors.js';

interface ElectionBox {
  /** userId -> mark */
  readonly marks: Map<number, VoterMark>;
  /** ballotId -> entries */
  readonly ballots: Map<string, readonly RankEntry[]>;
}

/**
 * The BallotBox contract in memory. Every mutation runs without an await between its check and its
 * write, so it is atomic on Node's single thread: concurrent casts by one voter leave one ballot.
 * Entries are copied in and frozen, so they can be handed out without a copy (cheap streaming) and
 * callers can never alter what is stored.
 */
export class InMemoryBallotBox implements BallotBox {
  private readonly boxes = new Map<string, ElectionBox>();

  constructor(private readonly knownElection: (electionKey: string) => boolean = () => true) {}

  private box(electionKey: string): ElectionBox {
    let box = this.boxes.get(electionKey);
    if (!box) {
      box = { marks: new Map(), ballots: new Map() };
      this.boxes.set(electionKey, box);
    }
    return box;
  }

  async cast(ballot: CastBallot): Promise<void> {
    if (!this.knownElection(ballot.electionKey)) {
      throw new DomainError('ELECTION_NOT_FOUND', `There is no election "${ballot.electionKey}".`, { electionKey: ballot.electionKey });
    }
    const box = this.box(ballot.electionKey);
    if (box.marks.has(ballot.userId)) {
      throw new DomainError('ALREADY_VOTED', 'You have already voted in this election.', { electionKey: ballot.electionKey });
    }
    if (box.ballots.has(ballot.ballotId)) throw new Error('Ballot id collision');
    box.ballots.set(ballot.ballotId, copyEntries(ballot.entries));
    const link = ballot.link ? copyLink(ballot.link) : null;
    box.marks.set(ballot.userId, { electionKey: ballot.electionKey, userId: ballot.userId, link, hasLink: link !== null });
  }

  async mark(electionKey: string, userId: number): Promise<VoterMark | null> {
    const mark = this.boxes.get(electionKey)?.marks.get(userId);
    return mark ? { ...mark, link: mark.link ? copyLink(mark.link) : null } : null;
  }

  async ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null> {
    const entries = this.boxes.get(electionKey)?.ballots.get(ballotId);
    return entries ? { ballotId, entries } : null;
  }

  async revoke(electionKey: string, userId: number, ballotId: string): Promise<void> {
    const box = this.boxes.get(electionKey);
    if (!box?.marks.has(userId)) {
      throw new DomainError('NOT_VOTED', 'There is no ballot of yours to revoke in this election.', { electionKey });
    }
    box.ballots.delete(ballotId);
    box.marks.delete(userId);
  }

  async *ballots(electionKey: string): AsyncIterable<StoredBallot> {
    // A snapshot of the ids, like a read transaction: ballots cast during the stream are not seen.
    const box = this.boxes.get(electionKey);
    if (!box) return;
    for (const ballotId of [...box.ballots.keys()]) {
      const entries = box.ballots.get(ballotId);
      if (entries) yield { ballotId, entries };
    }
  }

  async countBallots(electionKey: string): Promise<number> {
    return this.boxes.get(electionKey)?.ballots.size ?? 0;
  }

  async countVoters(electionKey: string): Promise<number> {
    return this.boxes.get(electionKey)?.marks.size ?? 0;
  }

  async purgeLinks(electionKey: string): Promise<number> {
    const box = this.boxes.get(electionKey);
    if (!box) return 0;
    let purged = 0;
    for (const [userId, mark] of box.marks) {
      if (mark.link === null && !mark.hasLink) continue;
      box.marks.set(userId, { ...mark, link: null, hasLink: false });
      purged++;
    }
    return purged;
  }

  async votedElectionKeys(userId: number): Promise<string[]> {
    return [...this.boxes].filter(([, box]) => box.marks.has(userId)).map(([key]) => key).sort();
  }
}

function copyEntries(entries: readonly RankEntry[]): readonly RankEntry[] {
  return Object.freeze(entries.map(({ candidate, rank }) => Object.freeze({ candidate, rank })));
}

function copyLink(link: SealedLink): SealedLink {
  return { salt: new Uint8Array(link.salt), sealed: new Uint8Array(link.sealed), scheme: link.scheme };
}
