/**
 * Adapters for an embedder's own tests (`elekto-ts/testing`): every persistence port in memory, a
 * catalog, a clock that stands still and randomness that repeats. The same ones this project's
 * use-case tests run on; no database, no network, no timers.
 */
export {
  InMemoryBallotBox,
  InMemoryElectionRecords,
  InMemoryExceptionRequests,
  InMemoryPassphraseAttempts,
  InMemoryUsers,
} from '../adapters/persistence/in-memory/index.js';
export { InMemoryElectionCatalog } from '../adapters/catalog/in-memory-election-catalog.js';
export { FixedClock } from '../adapters/system/system-clock.js';
export { SeededRandom } from '../adapters/system/seeded-random.js';
