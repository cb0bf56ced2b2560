/**
 * Adapters for an embedder's own tests (`elekto-ts/testing`): every persistence port in memory, a
 * catalog, a clock that stands still, randomness that repeats, and a passphrase-strength estimator
 * with fixed answers (CastBallot needs one). The same ones this project's
 * use-case tests run on; no database, no network, no timers.
 */
export {
  InMemoryBallotBox,
  InMemoryElectionRecords,
  InMemoryExceptionRequests,
  InMemoryFrozenBulletins,
  InMemoryLastGoodCatalog,
  InMemoryPassphraseAttempts,
  InMemoryUsers,
} from '../adapters/persistence/in-memory/index.js';
export { InMemoryElectionCatalog } from '../adapters/catalog/in-memory-election-catalog.js';
export { FixedClock } from '../adapters/system/system-clock.js';
export { SeededRandom } from '../adapters/system/seeded-random.js';
export { FixedPassphraseStrength } from '../adapters/passphrase/fixed-passphrase-strength.js';
