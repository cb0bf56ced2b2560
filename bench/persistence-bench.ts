/**
 * Persistence benchmark on PostgreSQL (`node bench/run-all.js persistence`).
 * 1. Results: 100,000 stored ballots × 10 candidates (1,000,000 ballot rows, generated server-side),
 *    streamed through TypeOrmBallotBox.ballots() into the pairwise accumulator and counted (Schulze).
 *    Target (issue 4): under 3 s.
 * 2. Sustained casting with the default sealing (Argon2id, ops 3, 64 MiB, worker pool = cores):
 *    20 concurrent voters for CAST_SECONDS; ballots/s, p50/p99 latency (seal + cast), peak RSS.
 * Uses a throwaway database on the local server (postgres@127.0.0.1, trust) and drops it after.
 */
import { randomUUID } from 'node:crypto';
import { SodiumBallotSealer } from '../src/adapters/crypto/sodium-ballot-sealer.js';
import { openTypeOrmPersistence } from '../src/adapters/persistence/typeorm/index.js';
import { PairwiseAccumulator, tally } from '../src/domain/tally/index.js';
import { createThrowawayDatabase } from '../test/support/databases.js';

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 100_000);
const CANDIDATES = Array.from({ length: 10 }, (_, i) => `cand-${i}`);
const VOTERS = 20;
const CAST_SECONDS = Number(process.env.BENCH_CAST_SECONDS ?? 20);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (b: number) => (b / 1048576).toFixed(0);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const database = await createThrowawayDatabase('postgres');
const p = await openTypeOrmPersistence(database.config, { migrate: true });
try {
  await p.electionRecords.syncAll([
    { key: 'bench-results', name: 'Results bench' },
    { key: 'bench-cast', name: 'Casting bench' },
  ]);
  const t0 = performance.now();
  await p.db.run(async ({ manager }) => {
    // Seeding only, on PostgreSQL only: hand-written SQL that generates the rows server-side.
    const [election] = await manager.query<Array<{ id: number }>>(`SELECT id FROM election WHERE key = 'bench-results'`);
    if (!election) throw new Error('the bench-results election row is missing after syncAll');
    const { id } = election;
    // One ballot per g; ~10% "No opinion" entries, ranks 1..10 with ties.
    await manager.query(
      `INSERT INTO ballot (id, election_id, rank, candidate, voter)
       SELECT md5(g::text || '/' || c::text || random()::text), $1,
              CASE WHEN random() < 0.1 THEN 100000000 ELSE 1 + floor(random() * 10)::int END,
              'cand-' || c, md5('bench-' || g::text)::uuid::text
         FROM generate_series(1, ${BALLOTS}) g, generate_series(0, 9) c`,
      [id],
    );
    await manager.query('ANALYZE ballot');
  });
  console.log(`seeded ${BALLOTS} ballots × ${CANDIDATES.length} candidates in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const acc = new PairwiseAccumulator(CANDIDATES);
    for await (const ballot of p.ballotBox.ballots('bench-results')) acc.addEntries(ballot.entries);
    const result = tally(acc.matrix(), { method: 'schulze', strength: 'winning', seats: 1 });
    runs.push(performance.now() - start);
    if (result.ballots !== BALLOTS) throw new Error(`expected ${BALLOTS} ballots, counted ${result.ballots}`);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `results: ${BALLOTS} ballots streamed + tallied: best ${(runs[0]! / 1000).toFixed(2)} s, median ${(runs[1]! / 1000).toFixed(2)} s ` +
      `(target < 3 s: ${runs[1]! < 3000 ? 'met' : 'MISSED'}); peak RSS so far ${mb(peakRss)} MB`,
  );

  const sealer = new SodiumBallotSealer();
  const users = await Promise.all(
    Array.from({ length: 5000 }, (_, i) => i)
      .slice(0, 2000)
      .map((i) => p.users.upsertFromSignIn(`bench-voter-${i}`, null)),
  );
  let next = 0;
  const latencies: number[] = [];
  peakRss = process.memoryUsage().rss;
  const castStart = performance.now();
  const deadline = castStart + CAST_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: VOTERS }, async () => {
      while (performance.now() < deadline && next < users.length) {
        const user = users[next++]!;
        const started = performance.now();
        const ballotId = randomUUID();
        const link = await sealer.seal(`passphrase of ${user.login}`, ballotId);
        await p.ballotBox.cast({
          electionKey: 'bench-cast',
          userId: user.id,
          ballotId,
          entries: CANDIDATES.map((candidate, i) => ({ candidate, rank: 1 + ((i + user.id) % 10) })),
          link,
        });
        latencies.push(performance.now() - started);
      }
    }),
  );
  const seconds = (performance.now() - castStart) / 1000;
  latencies.sort((a, b) => a - b);
  const stored = await p.ballotBox.countBallots('bench-cast');
  console.log(
    `casting: ${VOTERS} concurrent voters, default sealing (${link(sealer)}), ${seconds.toFixed(1)} s: ${latencies.length} ballots ` +
      `(${stored} stored), ${(latencies.length / seconds).toFixed(1)} ballots/s, p50 ${pct(latencies, 50).toFixed(0)} ms, ` +
      `p99 ${pct(latencies, 99).toFixed(0)} ms, peak RSS ${mb(peakRss)} MB`,
  );
  await sealer.close();
} finally {
  clearInterval(sampler);
  await p.close();
  await database.drop();
}

function link(s: SodiumBallotSealer): string {
  return `${s.scheme.algorithm}, ops ${s.scheme.opsLimit}, ${s.scheme.memLimitBytes / 1048576} MiB`;
}
