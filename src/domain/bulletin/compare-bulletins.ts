import type { Bulletin, BulletinBallot } from './bulletin.js';

/**
 * What differs between a bulletin and a reference copy of it (say the one the officers downloaded at
 * the close): election members, and ballots as multisets keyed by their hash. A ballot with a
 * tracker present in both with other ranks is "changed"; without trackers a changed ballot can only
 * show as one missing and one added, since nothing else ties the two together.
 */
export function compareBulletins(file: Bulletin, reference: Bulletin, ballotHash: (b: BulletinBallot) => string): string[] {
  const out: string[] = [];
  for (const k of Object.keys(reference.election) as Array<keyof Bulletin['election']>) {
    if (!sameJson(file.election[k], reference.election[k])) {
      out.push(`election.${k} differs: ${JSON.stringify(file.election[k])} here, ${JSON.stringify(reference.election[k])} in the reference.`);
    }
  }
  const left = new Map<string, BulletinBallot[]>();
  for (const b of reference.ballots) pushTo(left, ballotHash(b), b);
  const added: BulletinBallot[] = [];
  for (const b of file.ballots) {
    const h = ballotHash(b);
    const same = left.get(h);
    if (same?.length) same.pop();
    else added.push(b);
  }
  const missing = [...left.values()].flat();
  const byTracker = new Map(missing.filter((b) => b.tracker !== null).map((b) => [b.tracker!, b]));
  for (const b of added) {
    const before = b.tracker === null ? undefined : byTracker.get(b.tracker);
    if (before) {
      byTracker.delete(b.tracker!);
      missing.splice(missing.indexOf(before), 1);
      out.push(`changed ballot (tracker ${b.tracker}): ${JSON.stringify(before.ranks)} in the reference, ${JSON.stringify(b.ranks)} here.`);
    } else {
      out.push(`added ballot, not in the reference: ${describe(b)}.`);
    }
  }
  for (const b of missing) out.push(`missing ballot, in the reference but not here: ${describe(b)}.`);
  return out;
}

function describe(b: BulletinBallot): string {
  return `${b.tracker === null ? '' : `tracker ${b.tracker}, `}ranks ${JSON.stringify(b.ranks)}`;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Deep equality of JSON values, blind to the order of object members (as canonical JSON is). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const bo = b as Record<string, unknown>;
  return ka.length === Object.keys(bo).length && ka.every((k) => k in bo && sameJson((a as Record<string, unknown>)[k], bo[k]));
}
