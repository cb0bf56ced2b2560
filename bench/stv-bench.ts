/**
 * STV benchmark (`node bench/run-all.js stv`). Generates 100,000 ballots × 30 candidates with a
 * seeded generator (most voters rank everyone; some truncate), aggregates identical rankings into
 * weights, and counts 5 seats by Meek's method through the domain function `countStv`.
 * Prints wall time (generation, aggregation, count) and memory. Target (issue 16): < 3 s end to end
 * through the CLI; the CLI wiring comes later, so this measures the domain count plus aggregation.
 */
import { countStv, type StvBallot } from '../src/domain/tally/index.js';

const BALLOTS = 100_000;
const CANDIDATES = 30;
const SEATS = 5;
const TARGET_MS = 3000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed shuffles so some candidates are preferred; 30 % of voters stop early. */
function* rankings(count: number, n: number): Generator<number[]> {
  const rand = rng(42);
  for (let b = 0; b < count; b++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(Math.pow(rand(), 1.3) * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    yield rand() < 0.7 ? order : order.slice(0, 1 + Math.floor(rand() * n));
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const t0 = performance.now();
const raw = [...rankings(BALLOTS, CANDIDATES)];
const t1 = performance.now();
const byKey = new Map<string, { preferences: number[]; weight: number }>();
for (const p of raw) {
  const key = p.join(',');
  const seen = byKey.get(key);
  if (seen) seen.weight++;
  else byKey.set(key, { preferences: p, weight: 1 });
}
const ballots: StvBallot[] = [...byKey.values()];
const t2 = performance.now();
const candidates = Array.from({ length: CANDIDATES }, (_, i) => `candidate-${i + 1}`);
const result = countStv('stv-meek', { candidates, seats: SEATS, seed: 'bench', ballots });
const t3 = performance.now();
const countMs = t3 - t1;

console.log(`stv benchmark · node ${process.version}`);
console.log(`${BALLOTS} ballots × ${CANDIDATES} candidates, ${SEATS} seats, Meek (${ballots.length} distinct rankings)`);
console.log(`generate ${(t1 - t0).toFixed(0)} ms · aggregate ${(t2 - t1).toFixed(0)} ms · count ${(t3 - t2).toFixed(0)} ms · rounds ${result.rounds.length}`);
console.log(`aggregate + count ${countMs.toFixed(0)} ms (target < ${TARGET_MS} ms end to end: ${countMs < TARGET_MS ? 'yes' : 'NO'})`);
const mem = process.memoryUsage();
console.log(`memory: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
console.log(`winners: ${result.winners.join(', ')}`);
