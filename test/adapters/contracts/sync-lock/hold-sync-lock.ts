/**
 * A process that takes the meta sync lock and never lets go, for the crash test: it prints "held"
 * once it holds the lock, then waits to be killed. Usage: node --import tsx hold-sync-lock.ts '<config json>'
 */
import { createSyncLock } from '../../../../src/adapters/persistence/sync-lock/index.js';

const lock = createSyncLock(JSON.parse(process.argv[2] ?? '{}'));
await lock.exclusive(async () => {
  process.stdout.write('held\n');
  await new Promise(() => setInterval(() => undefined, 60_000));
});
