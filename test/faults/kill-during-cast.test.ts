import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findElectionId } from '../../src/adapters/persistence/typeorm/election-id.js';
import { PendingBallotCipher, openTypeOrmPersistence, type TypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import { fromSqlBytes } from '../../src/adapters/persistence/typeorm/sql-values.js';
import type { RankEntry } from '../../src/domain/ballot/ranking.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { faultSeed, replayHint, seededRandom, subSeed } from '../support/seeded-random.js';
import { expectedBallot } from './kill-during-cast-ballots.js';
import { quoted, sqlRows } from '../support/sql.js';

/**
 * The process is killed (SIGKILL) in the middle of casting: inside the cast's transaction after the
 * voter mark, after the pending row, inside a move out of the pool after its delete and after its
 * inserts, or at a random moment. Afterwards every ballot is whole and matched by its mark, or both
 * are absent; none is in the pool and the ballot table at once; every acknowledged cast is stored;
 * and the pool still empties into the ballot table. The kill points, the random moment and the
 * child's pauses come from one seed, in the test names (FAULT_SEED=<seed> replays them).
 */
const CHILD = fileURLToPath(new URL('./kill-during-cast-child.ts', import.meta.url));
const APP_KEY = 'kill-during-cast-app-key';
const USERS_PER_TRIAL = 20;
const BATCH = 2;
const TARGETS: Array<string | null> = ['cast:after-mark', 'cast:after-pending', 'flush:after-delete', 'flush:after-insert', null, null];
const SEED = faultSeed();

interface ChildRun {
  readonly acknowledged: number[];
  /** The last thing the child said before it died. */
  readonly lastWords: string;
}

function randomTarget(point: string | null, random: () => number): string {
  if (point === null) return '';
  // Flushes start once 2 × BATCH ballots wait, then come every BATCH casts.
  const n = point.startsWith('flush') ? 1 + Math.floor(random() * 4) : 1 + Math.floor(random() * 12);
  return `${point}:${n}`;
}

async function runAndKill(database: ThrowawayDatabase, electionKey: string, users: number[], killAt: string, seed: number): Promise<ChildRun> {
  const random = seededRandom(seed);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DB_CONFIG: JSON.stringify(database.config),
      ELECTION: electionKey,
      USERS: users.join(','),
      BATCH: String(BATCH),
      APP_KEY,
      KILL_AT: killAt,
      PAUSE_SEED: String(subSeed(seed, 1)),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const acknowledged: number[] = [];
  let lastWords = '';
  let timer: NodeJS.Timeout | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    lastWords = line;
    if (line.startsWith('done ')) acknowledged.push(Number(line.slice(5)));
    if (line === 'waiting-for-kill') child.kill('SIGKILL');
    // No target: die at a random moment once the casting has started.
    if (line === 'ready' && !killAt) timer = setTimeout(() => child.kill('SIGKILL'), 30 + random() * 400);
  }
  await exited;
  clearTimeout(timer);
  return { acknowledged, lastWords };
}

const sortEntries = (e: readonly RankEntry[]) => [...e].sort((a, b) => a.candidate.localeCompare(b.candidate));

/** What the database holds for one election, each ballot found by its mark. */
async function inspect(p: TypeOrmPersistence, electionKey: string) {
  const cipher = await PendingBallotCipher.fromSecret(APP_KEY);
  return p.db.run(async ({ manager }) => {
    const electionId = (await findElectionId(manager, electionKey))!;
    const marks = (
      await sqlRows<{ user_id: number; ballot_id: unknown }>(manager, 'SELECT user_id, ballot_id FROM voter WHERE election_id = :electionId', { electionId })
    ).map((r) => ({
      userId: Number(r.user_id),
      ballotId: Buffer.from(fromSqlBytes(r.ballot_id)!).toString('utf8'),
    }));
    const pending = new Map<string, readonly RankEntry[]>();
    for (const r of await sqlRows<{ payload: unknown }>(manager, 'SELECT payload FROM pending_ballot WHERE election_id = :electionId', { electionId })) {
      const b = cipher.open(fromSqlBytes(r.payload)!, electionId);
      if (!b) throw new Error('a pending row does not open');
      pending.set(b.ballotId, b.entries);
    }
    const stored = new Map<string, RankEntry[]>();
    for (const r of await sqlRows<{ voter: string; candidate: string; rank: unknown }>(
      manager,
      `SELECT voter, candidate, ${quoted(manager, 'rank')} AS ${quoted(manager, 'rank')} FROM ballot WHERE election_id = :electionId`,
      { electionId },
    )) {
      stored.set(r.voter, [...(stored.get(r.voter) ?? []), { candidate: r.candidate, rank: Number(r.rank) }]);
    }
    return { marks, pending, stored };
  });
}

describe.each(['sqlite', 'postgres'] as const)(`the process killed during a cast on %s (${replayHint(SEED)})`, (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  let users: number[];

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: APP_KEY, batchSize: BATCH } });
    await p.electionRecords.syncAll(TARGETS.map((_, i) => ({ key: `trial-${i}`, name: `Trial ${i}` })));
    users = [];
    for (let i = 0; i < USERS_PER_TRIAL; i++) users.push((await p.users.upsertFromSignIn(`voter-${i}`, null)).id);
    // SQLite: one writer at a time; the child gets the file to itself while it runs.
    if (kind === 'sqlite') await p.close();
  }, 60_000);
  afterAll(async () => {
    if (p?.dataSource.isInitialized) await p.close();
    await database?.drop();
  });

  it.each(TARGETS.map((t, i) => [i, t ?? 'a random moment'] as const))(
    'trial %i: killed at %s, leaves each ballot whole with its mark, or neither',
    async (i, target) => {
      const electionKey = `trial-${i}`;
      const trialSeed = subSeed(SEED, i);
      const killAt = randomTarget(TARGETS[i]!, seededRandom(trialSeed));
      const run = await runAndKill(database, electionKey, users, killAt, subSeed(trialSeed, 1));
      if (killAt) expect(run.lastWords).toBe('waiting-for-kill');

      if (!p.dataSource.isInitialized) p = await openTypeOrmPersistence(database.config, { migrate: false, ballotPool: { appKey: APP_KEY, batchSize: BATCH } });
      try {
        const { marks, pending, stored } = await inspect(p, electionKey);
        for (const { userId, ballotId } of marks) {
          const expected = expectedBallot(electionKey, userId);
          expect(ballotId).toBe(expected.ballotId);
          // In exactly one place, with every row.
          expect([pending.has(ballotId), stored.has(ballotId)]).toContainEqual(true);
          expect(pending.has(ballotId) && stored.has(ballotId)).toBe(false);
          expect(sortEntries(pending.get(ballotId) ?? stored.get(ballotId)!)).toEqual(sortEntries(expected.entries));
        }
        // No ballot without its mark.
        const marked = new Set(marks.map((m) => m.ballotId));
        expect([...pending.keys(), ...stored.keys()].filter((b) => !marked.has(b))).toEqual([]);
        // Every cast the voter was told about is there.
        expect(run.acknowledged.filter((u) => !marks.some((m) => m.userId === u))).toEqual([]);
        // Killed inside a cast: that cast is gone. Inside a move: the cast before it had committed, unacknowledged.
        const inFlight = { 'cast:after-mark': [0], 'cast:after-pending': [0], 'flush:after-delete': [1], 'flush:after-insert': [1] }[target] ?? [0, 1];
        expect(inFlight).toContain(marks.length - run.acknowledged.length);
        // And the pool still empties into the ballot table, whole.
        let streamed = 0;
        for await (const b of p.ballotBox.ballots(electionKey)) {
          expect(b.entries).toHaveLength(4);
          streamed++;
        }
        expect(streamed).toBe(marks.length);
      } finally {
        if (kind === 'sqlite') await p.close();
      }
    },
    60_000,
  );
});
