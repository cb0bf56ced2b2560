/**
 * What the pending pool costs on the cast path (`node bench/run-all.js ballot-pool`), PostgreSQL and
 * SQLite: VOTERS distinct voters, CONCURRENCY at a time, no sealing (the KDF is the same either
 * way). Three writers: the old one-transaction write (mark + ballot rows), the pool at the default
 * batch size (mark + sealed pending row, moves in shuffled batches), then the results read that
 * empties the pool. Reports casts/s and p50/p99 latency of each.
 */
import { randomUUID } from 'node:crypto';
import { findElectionId } from '../src/adapters/persistence/typeorm/election-id.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../src/adapters/persistence/typeorm/index.js';
import { ballotRowId } from '../src/adapters/persistence/typeorm/sql-values.js';
import type { CastBallot } from '../src/application/ports/ballot-box.js';
import { createThrowawayDatabase, type DatabaseKind } from '../test/support/databases.js';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const CANDIDATES = Array.from({ length: 10 }, (_, i) => `cand-${i}`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function oneTransaction(p: TypeOrmPersistence, electionId: number, b: CastBallot): Promise<void> {
  await p.db.transaction(async ({ manager }) => {
    const now = new Date();
    await manager.getRepository('voter').insert({ user_id: b.userId, election_id: electionId, created_at: now, updated_at: now });
    await manager
      .getRepository('ballot')
      .insert(b.entries.map((e) => ({ id: ballotRowId(randomUUID()), election_id: electionId, rank: e.rank, candidate: e.candidate, voter: b.ballotId })));
  });
}

async function burst(userIds: number[], cast: (userId: number) => Promise<void>): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < userIds.length) {
        const userId = userIds[next++]!;
        const t = performance.now();
        await cast(userId);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return `${(userIds.length / seconds).toFixed(0)} casts/s, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`;
}

for (const kind of ['postgres', 'sqlite'] as DatabaseKind[]) {
  const database = await createThrowawayDatabase(kind);
  const p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: 'bench-app-key' } });
  try {
    await p.electionRecords.syncAll([
      { key: 'old-write', name: 'One transaction' },
      { key: 'pool', name: 'Pending pool' },
    ]);
    const userIds: number[] = [];
    for (let i = 0; i < VOTERS; i++) userIds.push((await p.users.upsertFromSignIn(`bench-${i}`, null)).id);
    const ballot = (electionKey: string, userId: number): CastBallot => ({
      electionKey,
      userId,
      ballotId: randomUUID(),
      entries: CANDIDATES.map((candidate, i) => ({ candidate, rank: 1 + ((i + userId) % CANDIDATES.length) })),
      link: null,
    });
    const oldId = (await p.db.run(({ manager }) => findElectionId(manager, 'old-write')))!;
    console.log(`${kind}, ${VOTERS} voters, ${CONCURRENCY} at a time:`);
    console.log(`  one transaction   ${await burst(userIds, (u) => oneTransaction(p, oldId, ballot('old-write', u)))}`);
    console.log(`  pending pool (16) ${await burst(userIds, (u) => p.ballotBox.cast(ballot('pool', u)))}`);
    const t = performance.now();
    let n = 0;
    for await (const _ of p.ballotBox.ballots('pool')) n++;
    console.log(`  results read: ${n} ballots (pool emptied first) in ${(performance.now() - t).toFixed(0)} ms`);
    if (n !== VOTERS) throw new Error(`expected ${VOTERS} ballots, read ${n}`);
  } finally {
    await p.close();
    await database.drop();
  }
}
