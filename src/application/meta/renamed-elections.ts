import type { BallotBox } from '../ports/ballot-box.js';
import type { ElectionRecords, ElectionSyncReport } from '../ports/election-records.js';

export interface NamedElection {
  readonly key: string;
  readonly name: string;
}

/** An election gone from the meta repository, with ballots, in the change that added one of the same name. */
export interface BallotsLeftBehind {
  readonly from: NamedElection;
  readonly to: NamedElection;
  readonly ballots: number;
}

/** The folder's own name: keys write the folder path with `/` as `---`. */
export const folderName = (key: string): string => key.split('---').pop() ?? key;

const sameName = (a: NamedElection, b: NamedElection): boolean =>
  a.name.trim().toLowerCase() === b.name.trim().toLowerCase() || folderName(a.key) === folderName(b.key);

/**
 * Pairs of (gone, new) elections that look like one folder renamed: the same election.yaml `name`
 * (ignoring case and surrounding spaces) or the same folder name. A key is the folder path, as in
 * Elekto, so a renamed folder is a new election with an empty roll of who has voted, and the old
 * one is archived with its ballots: whoever voted can vote again. The rule stays; this makes it seen.
 */
export function likelyRenames(gone: readonly NamedElection[], added: readonly NamedElection[]): Array<{ from: NamedElection; to: NamedElection }> {
  return gone.flatMap((from) => added.filter((to) => to.key !== from.key && sameName(from, to)).map((to) => ({ from, to })));
}

/**
 * After the database step of a sync: the elections it archived that hold ballots, each with the
 * election it added (or restored) under the same name. Costs nothing unless one sync both archived
 * and added, and counts ballots only for the pairs found.
 */
export async function ballotsLeftBehind(
  records: Pick<ElectionRecords, 'list'>,
  ballots: Pick<BallotBox, 'countBallots'>,
  outcome: ElectionSyncReport,
  present: ReadonlyMap<string, NamedElection>,
): Promise<BallotsLeftBehind[]> {
  const arrived = [...outcome.added, ...outcome.restored];
  if (outcome.archived.length === 0 || arrived.length === 0) return [];
  const archived = new Set(outcome.archived);
  const gone = (await records.list()).filter((r) => archived.has(r.key));
  const added = arrived.map((key) => present.get(key)).filter((e): e is NamedElection => e !== undefined);
  const found: BallotsLeftBehind[] = [];
  for (const pair of likelyRenames(gone, added)) {
    const count = await ballots.countBallots(pair.from.key);
    if (count > 0) found.push({ from: { key: pair.from.key, name: pair.from.name }, to: { key: pair.to.key, name: pair.to.name }, ballots: count });
  }
  return found;
}

/** The warning each one gives in a sync report (and in check-meta, where ballots are unknown). */
export function leftBehindMessage(left: { from: NamedElection; to: NamedElection; ballots: number | null }, when = 'in this change'): string {
  const held = left.ballots === null ? 'after its voting had opened (it may hold ballots)' : `with ${left.ballots} ballot${left.ballots === 1 ? '' : 's'}`;
  return (
    `Election "${left.to.key}" has the name of "${left.from.key}" (${left.from.name}), which left the meta repository ${when} ${held}. ` +
    `An election's key is its folder path, so "${left.to.key}" is a new election with an empty roll of who has voted, and anyone who voted in "${left.from.key}" can vote again.`
  );
}

export const LEFT_BEHIND_HINT =
  "If the folder was renamed by mistake, rename it back; the archived election keeps its ballots and is listed on the officers' dashboard.";
