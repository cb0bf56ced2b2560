import {
  BULLETIN_FORMAT,
  type Bulletin,
  type BulletinBallot,
  type BulletinBody,
  type BulletinElection,
  type BulletinMethod,
} from '../../domain/bulletin/bulletin.js';
import { bulletinBallot, sortBallots } from '../../domain/bulletin/bulletin-ballot.js';
import { bulletinResult, tallyBulletin } from '../../domain/bulletin/tally-bulletin.js';
import { type Election, type ElectionMethod, candidateIds, isStvMethod } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import type { PairStrength, TallyMethod, UnrankedPolicy } from '../../domain/tally/types.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox, StoredBallot } from '../ports/ballot-box.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import { seatCapRule } from './tally-election.js';

export interface BuildBulletinInput {
  readonly electionKey: string;
  /** An officer of the election, or null for the operator at the command line. */
  readonly requester: User | null;
  /** Absent: the election's own method. */
  readonly method?: ElectionMethod;
  readonly strength?: PairStrength;
  readonly unranked?: UnrankedPolicy;
}

/**
 * The public bulletin of a completed election (docs/verify.md): every ballot as the tally reads it,
 * in the order of its own hash (so nothing in the file follows the order of voting), the result
 * those ballots give, and the digest over all of it. Ballot ids never appear: they are what a
 * voter's sealed link points at.
 */
export class BuildBulletin {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly hasher: BulletinHasher,
  ) {}

  async execute(input: BuildBulletinInput): Promise<Bulletin> {
    const election = requireElection(this.catalog, input.electionKey);
    requireOfficer(election, input.requester);
    requireCompleted(election, this.clock.now());
    const method = input.method ?? election.method;
    if (isStvMethod(method)) {
      // The bulletin format (docs/verify.md) records a Condorcet result that `elekto verify` recounts; it has no STV rounds yet.
      throw new DomainError(
        'INVALID_TALLY_INPUT',
        `The public bulletin can be built for Condorcet counts only (schulze, ranked-pairs, minimax, copeland); "${election.key}" is counted with ${method}.`,
        { method },
      );
    }
    return bulletinOf(election, this.ballotBox.ballots(election.key), this.hasher, { ...input, method });
  }
}

/** The method the bulletin fixed at the close counts with: the officers' results page's default. */
export const CLOSE_METHOD: BulletinMethod = { name: 'schulze', strength: 'winning', unranked: 'no-opinion' };

/** The bulletin of `election` over `stored` (read in full: a bulletin is one file anyway). */
export async function bulletinOf(
  election: Election,
  stored: AsyncIterable<StoredBallot>,
  hasher: BulletinHasher,
  method: Partial<{ method: TallyMethod; strength: PairStrength; unranked: UnrankedPolicy }> = {},
): Promise<Bulletin> {
  const candidates = candidateIds(election);
  const ballots: BulletinBallot[] = [];
  for await (const b of stored) ballots.push(bulletinBallot(candidates, b.entries, b.tracker ?? null));
  const cap = seatCapRule(election);
  const header: BulletinElection = {
    key: election.key,
    name: election.name,
    candidates,
    seats: election.noWinners,
    method: {
      name: method.method ?? CLOSE_METHOD.name,
      strength: method.strength ?? CLOSE_METHOD.strength,
      unranked: method.unranked ?? CLOSE_METHOD.unranked,
    },
    seatCap: cap ? { field: cap.field, limit: cap.limit, values: Object.fromEntries(candidates.map((c) => [c, cap.valueOf[c] ?? null])) } : null,
    closesAt: election.endsAt.toISOString(),
  };
  return makeBulletin(header, ballots, hasher);
}

/** Sorts the ballots, recounts them and seals the lot with its digest. */
export function makeBulletin(election: BulletinElection, ballots: readonly BulletinBallot[], hasher: BulletinHasher): Bulletin {
  const sorted = sortBallots(ballots, (b) => hasher.ballotHash(b));
  const body: BulletinBody = {
    format: BULLETIN_FORMAT,
    election,
    ballotCount: sorted.length,
    ballots: sorted,
    result: bulletinResult(tallyBulletin({ election, ballots: sorted })),
  };
  return { ...body, digest: hasher.digest(body) };
}
