import {
  BULLETIN_FORMAT,
  type Bulletin,
  type BulletinBallot,
  type BulletinBody,
  type BulletinElection,
  type BulletinMethod,
} from '../../domain/bulletin/bulletin.js';
import { bulletinBallot, sortBallots } from '../../domain/bulletin/bulletin-ballot.js';
import { countBulletin } from '../../domain/bulletin/tally-bulletin.js';
import { type Election, type ElectionMethod, candidateIds, isStvMethod } from '../../domain/election/election.js';
import type { PairStrength, UnrankedPolicy } from '../../domain/tally/types.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox, StoredBallot } from '../ports/ballot-box.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import { seatCapRule, stvSeed } from './tally-election.js';

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
    return bulletinOf(election, this.ballotBox.ballots(election.key), this.hasher, input);
  }
}

/** Pair strength and unranked policy of a Condorcet bulletin when none is asked for: the results page's. */
export const CLOSE_CONDORCET_OPTIONS = { strength: 'winning', unranked: 'no-opinion' } as const;

/**
 * The method as the bulletin records it: the election's own unless another is asked for. An STV
 * method carries the seed of its draws by lot (the one the officers' results use); a Condorcet method
 * its pair strength and unranked policy.
 */
export function bulletinMethod(
  election: Election,
  options: Partial<{ method: ElectionMethod; strength: PairStrength; unranked: UnrankedPolicy }> = {},
): BulletinMethod {
  const name = options.method ?? election.method;
  if (isStvMethod(name)) return { name, seed: stvSeed(election) };
  return { name, strength: options.strength ?? CLOSE_CONDORCET_OPTIONS.strength, unranked: options.unranked ?? CLOSE_CONDORCET_OPTIONS.unranked };
}

/** The bulletin of `election` over `stored` (read in full: a bulletin is one file anyway), counted with its own method by default. */
export async function bulletinOf(
  election: Election,
  stored: AsyncIterable<StoredBallot>,
  hasher: BulletinHasher,
  options: Partial<{ method: ElectionMethod; strength: PairStrength; unranked: UnrankedPolicy }> = {},
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
    method: bulletinMethod(election, options),
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
    result: countBulletin({ election, ballots: sorted }),
  };
  return { ...body, digest: hasher.digest(body) };
}
