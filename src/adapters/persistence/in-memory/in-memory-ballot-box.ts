import { randomInt } from 'node:crypto';
import type { BallotBox, CastBallot, ReplaceBallot, SealedLink, StoredBallot, VoterMark } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { DomainError } from '../../../domain/errors.js';

interface ElectionBox {
  /** userId -> mark */
  readonly marks: Map<number, VoterMark>;
  /** ballotId -> entries, cast but not yet moved into `ballots` (the pending pool). */
  readonly pending: Map<string, readonly RankEntry[]>;
  /** ballotId -> entries */
  readonly ballots: Map<string, readonly RankEntry[]>;
  /** ballotId -> tracker, for ballots that have one (kept with the ballot, never with the mark). */
  readonly trackers: Map<string, string>;
}

/** Same default as the SQL adapter's (BALLOT_BATCH_SIZE). */
const DEFAULT_BATCH_SIZE = 16;

/**
 * The BallotBox contract in memory. Every mutation runs without an await between its check and its
 * write, so it is atomic on Node's single thread: concurrent casts by one voter leave one ballot.
 * Entries are copied in and frozen, so they can be handed out without a copy (cheap streaming) and
 * callers can never alter what is stored.
 *
 * Like the SQL adapter, a cast waits in a pending pool that moves into the ballots in batches, and
 * every ballot is streamed in ballot-id order: nothing it hands out follows the order of voting.
 */
export class InMemoryBallotBox implements BallotBox {
  private readonly boxes = new Map<string, ElectionBox>();

  private readonly batchSize: number;

  constructor(
    private readonly knownElection: (electionKey: string) => boolean = () => true,
    options: { readonly batchSize?: number } = {},
  ) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  }

  private box(electionKey: string): ElectionBox {
    let box = this.boxes.get(electionKey);
    if (!box) {
      box = { marks: new Map(), pending: new Map(), ballots: new Map(), trackers: new Map() };
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
    if (box.ballots.has(ballot.ballotId) || box.pending.has(ballot.ballotId)) throw new Error('Ballot id collision');
    box.pending.set(ballot.ballotId, copyEntries(ballot.entries));
    if (ballot.tracker) box.trackers.set(ballot.ballotId, ballot.tracker);
    const link = ballot.link ? copyLink(ballot.link) : null;
    box.marks.set(ballot.userId, { electionKey: ballot.electionKey, userId: ballot.userId, link, hasLink: link !== null });
    if (box.pending.size >= 2 * this.batchSize) move(box, this.batchSize);
  }

  /** Ballots of the election still in the pending pool (what a DBA would see in pending_ballot). */
  pendingCount(electionKey: string): number {
    return this.boxes.get(electionKey)?.pending.size ?? 0;
  }

  /** Moves every pending ballot of the election into the ballots (before results, export, tally). */
  async flush(electionKey: string): Promise<number> {
    const box = this.boxes.get(electionKey);
    return box ? move(box, 0) : 0;
  }

  async mark(electionKey: string, userId: number): Promise<VoterMark | null> {
    const mark = this.boxes.get(electionKey)?.marks.get(userId);
    return mark ? { ...mark, link: mark.link ? copyLink(mark.link) : null } : null;
  }

  async ballot(electionKey: string, ballotId: string): Promise<StoredBallot | null> {
    const box = this.boxes.get(electionKey);
    const entries = box?.pending.get(ballotId) ?? box?.ballots.get(ballotId);
    return entries ? { ballotId, entries, tracker: box?.trackers.get(ballotId) ?? null } : null;
  }

  async replace(ballot: ReplaceBallot): Promise<void> {
    const { electionKey, userId, replacedBallotId, ballotId } = ballot;
    const box = this.boxes.get(electionKey);
    // Every check before the first write: a refusal leaves the old ballot and link as they were.
    if (!box?.marks.has(userId)) throw new DomainError('NOT_VOTED', 'You have not voted in this election.', { electionKey });
    if (!box.pending.has(replacedBallotId) && !box.ballots.has(replacedBallotId)) {
      throw new Error(`Ballot link of election ${electionKey} opens to a missing ballot.`);
    }
    if (box.ballots.has(ballotId) || box.pending.has(ballotId)) throw new Error('Ballot id collision');
    const entries = copyEntries(ballot.entries);
    const link = ballot.link ? copyLink(ballot.link) : null;
    box.pending.delete(replacedBallotId);
    box.ballots.delete(replacedBallotId);
    box.trackers.delete(replacedBallotId);
    box.pending.set(ballotId, entries);
    if (ballot.tracker) box.trackers.set(ballotId, ballot.tracker);
    box.marks.set(userId, { electionKey, userId, link, hasLink: link !== null });
    if (box.pending.size >= 2 * this.batchSize) move(box, this.batchSize);
  }

  async revoke(electionKey: string, userId: number, ballotId: string): Promise<void> {
    const box = this.boxes.get(electionKey);
    if (!box?.marks.has(userId)) {
      throw new DomainError('NOT_VOTED', 'There is no ballot of yours to revoke in this election.', { electionKey });
    }
    box.pending.delete(ballotId);
    box.ballots.delete(ballotId);
    box.trackers.delete(ballotId);
    box.marks.delete(userId);
  }

  async *ballots(electionKey: string): AsyncIterable<StoredBallot> {
    // A snapshot of the ids, like a read transaction: ballots cast during the stream are not seen.
    const box = this.boxes.get(electionKey);
    if (!box) return;
    move(box, 0);
    for (const ballotId of [...box.ballots.keys()].sort()) {
      const entries = box.ballots.get(ballotId);
      if (entries) yield { ballotId, entries, tracker: box.trackers.get(ballotId) ?? null };
    }
  }

  async countBallots(electionKey: string): Promise<number> {
    const box = this.boxes.get(electionKey);
    return box ? box.ballots.size + box.pending.size : 0;
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

  async countLinks(electionKey: string): Promise<number> {
    const box = this.boxes.get(electionKey);
    return box ? [...box.marks.values()].filter((m) => m.link !== null).length : 0;
  }

  async countLinksByScheme(electionKey: string): Promise<ReadonlyMap<string, number>> {
    const counts = new Map<string, number>();
    for (const mark of this.boxes.get(electionKey)?.marks.values() ?? []) {
      if (mark.link) counts.set(mark.link.scheme, (counts.get(mark.link.scheme) ?? 0) + 1);
    }
    return counts;
  }

  async votedElectionKeys(userId: number): Promise<string[]> {
    return [...this.boxes]
      .filter(([, box]) => box.marks.has(userId))
      .map(([key]) => key)
      .sort();
  }
}

/** All pending ballots but a random `keep` of them move (all when keep is 0). */
function move(box: ElectionBox, keep: number): number {
  const ids = [...box.pending.keys()];
  for (let i = ids.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const moving = ids.slice(0, Math.max(0, ids.length - keep));
  for (const id of moving) {
    box.ballots.set(id, box.pending.get(id)!);
    box.pending.delete(id);
  }
  return moving.length;
}

function copyEntries(entries: readonly RankEntry[]): readonly RankEntry[] {
  return Object.freeze(entries.map(({ candidate, rank }) => Object.freeze({ candidate, rank })));
}

function copyLink(link: SealedLink): SealedLink {
  return { salt: new Uint8Array(link.salt), sealed: new Uint8Array(link.sealed), scheme: link.scheme };
}
