import { ballotLabel, readBulletin } from '../../domain/bulletin/read-bulletin.js';
import { compareBulletins, sameJson } from '../../domain/bulletin/compare-bulletins.js';
import type { Bulletin } from '../../domain/bulletin/bulletin.js';
import { bulletinResult, countBulletinStv, isStvBulletinMethod, stvBulletinResult, tallyBulletin } from '../../domain/bulletin/tally-bulletin.js';
import type { StvDraw } from '../../domain/tally/stv/stv-types.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';

export interface BulletinVerification {
  /** True when every check holds: shape, count, order, digest, result, and the published digest if given. */
  readonly ok: boolean;
  /** The digest recomputed from the contents; null when the file is not a bulletin at all. */
  readonly digest: string | null;
  readonly election: string | null;
  readonly ballots: number | null;
  /** The method the file names (and the recount used); null when the file is not a bulletin. */
  readonly method: string | null;
  /** The recount, tiers best first; null when the file could not be counted, and for STV (no ranking). */
  readonly ranking: ReadonlyArray<readonly string[]> | null;
  /** The recount's winners (in order of election for STV); null when it could not be counted. */
  readonly winners: readonly string[] | null;
  readonly tieAtCutoff: boolean | null;
  /** STV only: the ties the recount broke by lot, from the file's seed; null for Condorcet. */
  readonly draws: readonly StvDraw[] | null;
  /** STV only: why the method refused to count these ballots (CPO-STV past its limit); else null. */
  readonly refused: string | null;
  /** One sentence per thing that does not hold, naming it. */
  readonly problems: readonly string[];
}

export interface VerifyOptions {
  /** A digest published elsewhere (the meta repository, a mailing list): the file must hash to it. */
  readonly publishedDigest?: string;
  /** A reference copy (parsed JSON): names the ballots and election members that differ from it. */
  readonly reference?: unknown;
}

const MAX_ORDER_REPORTS = 5;

/**
 * Checks a bulletin from the file alone (docs/verify.md): its shape, that it holds as many ballots
 * as it says, that they stand in canonical order, that its digest is the hash of its contents, and
 * that its ballots recount to the result it states. The digest can only show THAT something
 * changed; the count, the order and a reference copy say WHAT.
 */
export function verifyBulletin(value: unknown, hasher: BulletinHasher, options: VerifyOptions = {}): BulletinVerification {
  const reading = readBulletin(value);
  if (!reading.bulletin) {
    return {
      ok: false,
      digest: null,
      election: null,
      ballots: null,
      method: null,
      ranking: null,
      winners: null,
      tieAtCutoff: null,
      draws: null,
      refused: null,
      problems: reading.problems,
    };
  }
  const b = reading.bulletin;
  const problems: string[] = [];

  const held = b.ballots.length;
  if (held !== b.ballotCount) {
    const gap = Math.abs(held - b.ballotCount);
    problems.push(
      `The file holds ${held} ballot${held === 1 ? '' : 's'}; its ballotCount says ${b.ballotCount}: ${gap} ballot${gap === 1 ? '' : 's'} ${held < b.ballotCount ? 'missing' : 'added'}.`,
    );
  }

  const hashes = b.ballots.map((ballot) => hasher.ballotHash(ballot));
  const disorder: string[] = [];
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i - 1]! > hashes[i]!)
      disorder.push(
        `${ballotLabel(i - 1, b.ballots[i - 1]!.tracker)} and ${ballotLabel(i, b.ballots[i]!.tracker)} are out of canonical order (ascending ballot hash): one of them was changed, added or moved.`,
      );
  }
  problems.push(...disorder.slice(0, MAX_ORDER_REPORTS));
  if (disorder.length > MAX_ORDER_REPORTS) problems.push(`… and ${disorder.length - MAX_ORDER_REPORTS} more pairs out of order.`);

  const { digest: claimed, ...body } = b;
  const digest = hasher.digest(body);
  if (digest !== claimed)
    problems.push(`The digest in the file (${claimed}) does not match its contents, which hash to ${digest}: the file was changed after it was made.`);

  const { recount, summary } = recountOf(b);
  for (const [k, value] of Object.entries(recount)) {
    const stated = (b.result as unknown as Record<string, unknown>)[k];
    if (!sameJson(value, stated)) problems.push(`The result's ${k} in the file is ${JSON.stringify(stated)}; its ballots give ${JSON.stringify(value)}.`);
  }

  const published = options.publishedDigest?.trim().toLowerCase();
  if (published !== undefined && published !== digest) {
    problems.push(`The contents hash to ${digest}, not to the published digest ${published}: this is not the published bulletin.`);
  }

  if (options.reference !== undefined) problems.push(...againstReference(b, options.reference, hasher));

  return { ok: problems.length === 0, digest, election: b.election.key, ballots: held, method: b.election.method.name, ...summary, problems };
}

type Summary = Pick<BulletinVerification, 'ranking' | 'winners' | 'tieAtCutoff' | 'draws' | 'refused'>;

/** The ballots counted again with the file's own method, seats, seat cap (and seed, for STV). */
function recountOf(b: Bulletin): { recount: object; summary: Summary } {
  const method = b.election.method;
  if (isStvBulletinMethod(method)) {
    const count = countBulletinStv(b, method);
    const recount = stvBulletinResult(count.stv);
    return { recount, summary: { ranking: null, winners: recount.winners, tieAtCutoff: null, draws: recount.draws, refused: count.refused } };
  }
  const recount = bulletinResult(tallyBulletin(b));
  return { recount, summary: { ...recount, draws: null, refused: null } };
}

function againstReference(b: Bulletin, reference: unknown, hasher: BulletinHasher): string[] {
  const ref = readBulletin(reference);
  if (!ref.bulletin) return [`The reference is not a bulletin: ${ref.problems[0]}`];
  return compareBulletins(b, ref.bulletin, (x) => hasher.ballotHash(x)).map((d) => `Against the reference: ${d}`);
}
