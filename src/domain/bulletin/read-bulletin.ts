import { PAIR_STRENGTHS, TALLY_METHODS } from '../tally/tally.js';
import { BULLETIN_FORMAT, type Bulletin } from './bulletin.js';

export type BulletinReading =
  { readonly bulletin: Bulletin; readonly problems: readonly [] } | { readonly bulletin: null; readonly problems: readonly string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, from: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= from;
const UNRANKED = ['no-opinion', 'last'];
/** Names a ballot for a person: its place in the file (1-based) and, when there is one, its tracker. */
export const ballotLabel = (i: number, tracker: unknown): string => `ballot ${i + 1}${typeof tracker === 'string' ? ` (tracker ${tracker})` : ''}`;

/**
 * Checks that a parsed JSON value has the shape docs/verify.md specifies, member by member, and
 * names every departure (at most a screenful). Nothing here hashes: the digest and the order are
 * checked by VerifyBulletin, which needs the hashing adapter.
 */
export function readBulletin(value: unknown): BulletinReading {
  const problems: string[] = [];
  const need = (ok: boolean, message: string): boolean => (ok || problems.push(message), ok);
  const members = (o: Obj, where: string, expected: readonly string[]): void => {
    for (const k of expected) need(k in o, `${where}: the member "${k}" is missing.`);
    for (const k of Object.keys(o)) need(expected.includes(k), `${where}: unexpected member "${k}".`);
  };

  if (!need(isObj(value), 'The bulletin must be one JSON object.')) return { bulletin: null, problems };
  const b = value as Obj;
  members(b, 'bulletin', ['format', 'election', 'ballotCount', 'ballots', 'result', 'digest']);
  need(b.format === BULLETIN_FORMAT, `format: expected "${BULLETIN_FORMAT}", found ${JSON.stringify(b.format)}.`);
  need(typeof b.digest === 'string' && /^[0-9a-f]{64}$/.test(b.digest), 'digest: expected 64 lowercase hexadecimal digits.');
  need(isCount(b.ballotCount, 0), 'ballotCount: expected a whole number from 0 up.');

  const candidates = readElection(b.election, need, members);
  if (need(Array.isArray(b.ballots), 'ballots: expected an array.') && candidates) {
    (b.ballots as unknown[]).forEach((ballot, i) => readBallot(ballot, i, candidates, need, members));
  }
  const r = b.result;
  if (need(isObj(r), 'result: expected an object.')) {
    const ro = r as Obj;
    members(ro, 'result', ['ranking', 'winners', 'tieAtCutoff']);
    const names = (v: unknown): boolean => Array.isArray(v) && v.every((c) => typeof c === 'string');
    need(Array.isArray(ro.ranking) && ro.ranking.every(names), 'result.ranking: expected an array of arrays of candidate ids.');
    need(names(ro.winners), 'result.winners: expected an array of candidate ids.');
    need(typeof ro.tieAtCutoff === 'boolean', 'result.tieAtCutoff: expected true or false.');
  }
  if (problems.length > 0)
    return { bulletin: null, problems: problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more.`] : problems };
  return { bulletin: value as Bulletin, problems: [] };
}

type Need = (ok: boolean, message: string) => boolean;
type Members = (o: Obj, where: string, expected: readonly string[]) => void;

function readElection(e: unknown, need: Need, members: Members): readonly string[] | null {
  if (!isObj(e)) return (need(false, 'election: expected an object.'), null);
  members(e, 'election', ['key', 'name', 'candidates', 'seats', 'method', 'seatCap', 'closesAt']);
  need(typeof e.key === 'string' && e.key !== '', 'election.key: expected a non-empty string.');
  need(typeof e.name === 'string', 'election.name: expected a string.');
  need(typeof e.closesAt === 'string' && !Number.isNaN(Date.parse(e.closesAt)), 'election.closesAt: expected an ISO 8601 time.');
  need(isCount(e.seats, 1), 'election.seats: expected a whole number from 1 up.');
  const c = e.candidates;
  const candidatesOk = need(
    Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string' && x !== '') && new Set(c).size === c.length,
    'election.candidates: expected a non-empty array of distinct, non-empty candidate ids.',
  );
  const m = e.method;
  if (!isObj(m)) need(false, 'election.method: expected an object.');
  else {
    members(m, 'election.method', ['name', 'strength', 'unranked']);
    need(
      (TALLY_METHODS as readonly unknown[]).includes(m.name),
      `election.method.name: ${JSON.stringify(m.name)} is not a method this verifier counts (${TALLY_METHODS.join(', ')}).`,
    );
    need((PAIR_STRENGTHS as readonly unknown[]).includes(m.strength), `election.method.strength: expected one of ${PAIR_STRENGTHS.join(', ')}.`);
    need(UNRANKED.includes(m.unranked as string), `election.method.unranked: expected one of ${UNRANKED.join(', ')}.`);
  }
  const cap = e.seatCap;
  if (cap !== null && !isObj(cap)) need(false, 'election.seatCap: expected null or an object.');
  else if (cap !== null && isObj(cap)) {
    members(cap, 'election.seatCap', ['field', 'limit', 'values']);
    need(typeof cap.field === 'string', 'election.seatCap.field: expected a string.');
    need(isCount(cap.limit, 1), 'election.seatCap.limit: expected a whole number from 1 up.');
    const v = cap.values;
    if (!isObj(v)) need(false, 'election.seatCap.values: expected an object.');
    else if (candidatesOk) {
      members(v, 'election.seatCap.values', c as string[]);
      need(
        Object.values(v).every((x) => x === null || typeof x === 'string'),
        'election.seatCap.values: each value is a string or null.',
      );
    }
  }
  return candidatesOk ? (c as string[]) : null;
}

function readBallot(ballot: unknown, i: number, candidates: readonly string[], need: Need, members: Members): void {
  const where = ballotLabel(i, isObj(ballot) ? ballot.tracker : null);
  if (!isObj(ballot)) return void need(false, `${where}: expected an object.`);
  members(ballot, where, ['tracker', 'ranks']);
  need(ballot.tracker === null || typeof ballot.tracker === 'string', `${where}: tracker must be a string or null.`);
  const ranks = ballot.ranks;
  if (!isObj(ranks)) return void need(false, `${where}: ranks must be an object.`);
  members(ranks, `${where} ranks`, candidates);
  const used = new Set<number>();
  for (const [c, r] of Object.entries(ranks)) {
    if (r === null) continue;
    if (need(isCount(r, 1), `${where}: the rank of "${c}" must be a whole number from 1 up or null, not ${JSON.stringify(r)}.`)) used.add(r as number);
  }
  need(
    used.size === 0 || Math.max(...used) === used.size,
    `${where}: ranks must be dense (1, 2, 3 … with no gap); found ${[...used].sort((a, b) => a - b).join(', ')}.`,
  );
}
