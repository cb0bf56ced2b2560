/**
 * The database administrator's linking attacks, and the success that chance within batches allows.
 * A signal is a sort key read from the database (an id, a transaction id, a physical position, the
 * order rows come back in); every signal a voter row has is tried against every signal a ballot has.
 */

/** A sort key; tuples compare element by element (a ctid is [page, item]). */
export type Key = readonly number[];

export interface Trace {
  /** Voter: the user id as text; ballot: the ballot id. */
  readonly who: string;
  readonly keys: Readonly<Record<string, Key>>;
}

export interface AttackResult {
  readonly attack: string;
  readonly correct: number;
}

export function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}

const sortBy = (traces: readonly Trace[], key: string) => traces.filter((t) => t.keys[key]).sort((x, y) => compareKeys(x.keys[key]!, y.keys[key]!));

/** Rank matching: the i-th voter by one signal gets the i-th ballot by another. */
export function rankMatch(
  voters: readonly Trace[],
  ballots: readonly Trace[],
  voterKey: string,
  ballotKey: string,
  truth: ReadonlyMap<string, string>,
): number {
  const vs = sortBy(voters, voterKey);
  const bs = sortBy(ballots, ballotKey);
  let correct = 0;
  vs.forEach((v, i) => {
    if (bs[i] && truth.get(v.who) === bs[i].who) correct++;
  });
  return correct;
}

/**
 * Same transaction: a voter's ballot is the one whose rows carry the voter row's transaction id or,
 * if none does, the first transaction after it (where a pool would have moved it). Within that group
 * the voters and ballots are rank-matched by the given tie-breaking signals.
 */
export function transactionMatch(
  voters: readonly Trace[],
  ballots: readonly Trace[],
  txKey: string,
  voterOrder: string,
  ballotOrder: string,
  truth: ReadonlyMap<string, string>,
): number {
  const txs = [...new Set(ballots.filter((b) => b.keys[txKey]).map((b) => b.keys[txKey]![0]!))].sort((a, b) => a - b);
  const groupOf = (tx: number) => txs.find((t) => t >= tx);
  const guesses = new Map<number, Trace[]>();
  for (const v of sortBy(voters, voterOrder)) {
    const g = groupOf(v.keys[txKey]?.[0] ?? Infinity);
    if (g === undefined) continue;
    guesses.set(g, [...(guesses.get(g) ?? []), v]);
  }
  let correct = 0;
  for (const [tx, vs] of guesses) {
    const bs = sortBy(
      ballots.filter((b) => b.keys[txKey]?.[0] === tx),
      ballotOrder,
    );
    vs.forEach((v, i) => {
      if (bs[i] && truth.get(v.who) === bs[i].who) correct++;
    });
  }
  return correct;
}

/** Every voter signal against every ballot signal, plus the transaction attacks where ids exist. */
export function allAttacks(
  voters: readonly Trace[],
  ballots: readonly Trace[],
  truth: ReadonlyMap<string, string>,
  txKeys: readonly string[] = [],
): AttackResult[] {
  const voterKeys = [...new Set(voters.flatMap((v) => Object.keys(v.keys)))];
  const ballotKeys = [...new Set(ballots.flatMap((b) => Object.keys(b.keys)))];
  const out: AttackResult[] = [];
  for (const vk of voterKeys)
    for (const bk of ballotKeys) out.push({ attack: `voter ${vk} ~ ballot ${bk}`, correct: rankMatch(voters, ballots, vk, bk, truth) });
  for (const tx of txKeys) {
    for (const bk of ballotKeys)
      out.push({ attack: `same ${tx}, then voter id ~ ballot ${bk}`, correct: transactionMatch(voters, ballots, tx, 'id', bk, truth) });
  }
  return out;
}

/** P(k fixed points) for a uniformly random permutation of n: (1/k!) Σ_{j=0}^{n-k} (-1)^j / j!. */
function fixedPoints(n: number): number[] {
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1]! * i);
  return Array.from({ length: n + 1 }, (_, k) => {
    let s = 0;
    for (let j = 0; j <= n - k; j++) s += (j % 2 === 0 ? 1 : -1) / fact[j]!;
    return s / fact[k]!;
  });
}

/**
 * The most correct links an attacker who knows every voter's batch and guesses within it gets, except
 * with probability `alpha`: the upper quantile of the sum of the fixed points of independent random
 * permutations, one per batch. A signal that beats it links better than chance over a batch.
 */
export function chanceBound(voters: number, batchSize: number, alpha: number): { expected: number; bound: number } {
  const sizes = Array.from({ length: Math.ceil(voters / batchSize) }, (_, i) => Math.min(batchSize, voters - i * batchSize));
  let dist = [1];
  for (const n of sizes) {
    const f = fixedPoints(n);
    const next = new Array<number>(dist.length + n).fill(0);
    dist.forEach((p, a) => f.forEach((q, b) => (next[a + b]! += p * q)));
    dist = next;
  }
  let tail = 0;
  let bound = dist.length - 1;
  for (let k = dist.length - 1; k >= 0; k--) {
    if (tail + dist[k]! > alpha) break;
    tail += dist[k]!;
    bound = k - 1;
  }
  return { expected: sizes.length, bound };
}
