import { STV_METHODS, needsFullBallots } from '../tally/stv/count-stv.js';
import { PAIR_STRENGTHS, TALLY_METHODS } from '../tally/tally.js';
import { BULLETIN_FORMAT, type Bulletin } from './bulletin.js';

export type BulletinReading =
  { readonly bulletin: Bulletin; readonly problems: readonly [] } | { readonly bulletin: null; readonly problems: readonly string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, from: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= from;
const UNRANKED = ['no-opinion', 'last'];
const DRAW_PURPOSES = ['elect', 'exclude', 'order'];
const METHODS: readonly string[] = [...TALLY_METHODS, ...STV_METHODS];
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
  const stv = isObj(b.election) && isObj(b.election.method) && typeof b.election.method.name === 'string' && needsFullBallots(b.election.method.name);
  if (need(isObj(b.result), 'result: expected an object.')) (stv ? readStvResult : readCondorcetResult)(b.result as Obj, need, members);
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
  else if (!METHODS.includes(m.name as string)) {
    need(false, `election.method.name: ${JSON.stringify(m.name)} is not a method this verifier counts (${METHODS.join(', ')}).`);
  } else if (needsFullBallots(m.name as string)) {
    members(m, 'election.method', ['name', 'seed']);
    need(typeof m.seed === 'string', 'election.method.seed: expected a string (the seed of the draws by lot).');
  } else {
    members(m, 'election.method', ['name', 'strength', 'unranked']);
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

const names = (v: unknown): boolean => Array.isArray(v) && v.every((c) => typeof c === 'string');

function readCondorcetResult(r: Obj, need: Need, members: Members): void {
  members(r, 'result', ['ranking', 'winners', 'tieAtCutoff']);
  need(Array.isArray(r.ranking) && r.ranking.every(names), 'result.ranking: expected an array of arrays of candidate ids.');
  need(names(r.winners), 'result.winners: expected an array of candidate ids.');
  need(typeof r.tieAtCutoff === 'boolean', 'result.tieAtCutoff: expected true or false.');
}

function readStvResult(r: Obj, need: Need, members: Members): void {
  members(r, 'result', ['winners', 'draws']);
  need(r.winners === null || names(r.winners), 'result.winners: expected an array of candidate ids (in order of election) or null.');
  if (!need(Array.isArray(r.draws), 'result.draws: expected an array.')) return;
  (r.draws as unknown[]).forEach((d, i) => {
    const where = `result.draws[${i}]`;
    if (!isObj(d)) return void need(false, `${where}: expected an object.`);
    members(d, where, ['round', 'among', 'chosen', 'purpose']);
    need(isCount(d.round, 1), `${where}.round: expected a whole number from 1 up.`);
    need(names(d.among), `${where}.among: expected an array of candidate ids.`);
    need(typeof d.chosen === 'string', `${where}.chosen: expected a candidate id.`);
    need(DRAW_PURPOSES.includes(d.purpose as string), `${where}.purpose: expected one of ${DRAW_PURPOSES.join(', ')}.`);
  });
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
