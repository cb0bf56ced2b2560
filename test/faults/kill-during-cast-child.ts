/**
 * A voter's process for kill-during-cast.test.ts: casts one ballot per user, one after another,
 * through the real TypeOrmBallotBox, and announces on stdout each point inside a transaction it
 * reaches. With KILL_AT=<checkpoint>:<n> it stops for good at the n-th time it reaches that point,
 * so the parent's SIGKILL lands with the transaction open. Usage (env):
 *   DB_CONFIG=<json> ELECTION=<key> USERS=<id,id,...> BATCH=<n> APP_KEY=<secret> [KILL_AT=cast:after-pending:3]
 *   [PAUSE_SEED=<n>: the seed of the random pauses, so a run can be replayed]
 *   node --import tsx kill-during-cast-child.ts
 */
import { openTypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import type { CheckpointName } from '../../src/adapters/persistence/typeorm/pending-ballot-pool.js';
import { seededRandom } from '../support/seeded-random.js';
import { expectedBallot } from './kill-during-cast-ballots.js';

const env = process.env;
const [killPoint, killAt] = (() => {
  const m = /^(.+):(\d+)$/.exec(env.KILL_AT ?? '');
  return m ? [m[1], Number(m[2])] : [null, 0];
})();
const reached = new Map<string, number>();
const random = seededRandom(Number(env.PAUSE_SEED ?? 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => new Promise<void>((r) => process.stdout.write(`${line}\n`, () => r()));

async function checkpoint(name: CheckpointName): Promise<void> {
  const n = (reached.get(name) ?? 0) + 1;
  reached.set(name, n);
  await say(`at ${name} ${n}`);
  if (name === killPoint && n === killAt) {
    await say('waiting-for-kill');
    await sleep(60_000);
  }
  // Otherwise a short random pause, so that a kill at a random time often lands inside a transaction.
  await sleep(random() * 8);
}

const p = await openTypeOrmPersistence(JSON.parse(env.DB_CONFIG!), {
  migrate: false,
  ballotPool: { appKey: env.APP_KEY!, batchSize: Number(env.BATCH), checkpoint, onFlushError: (e) => void say(`flush-error ${(e as Error).message}`) },
});
await say('ready');
for (const userId of env.USERS!.split(',').map(Number)) {
  const ballot = expectedBallot(env.ELECTION!, userId);
  await say(`cast ${userId}`);
  await p.ballotBox.cast(ballot);
  await say(`done ${userId}`);
}
await say('finished');
await p.close();
