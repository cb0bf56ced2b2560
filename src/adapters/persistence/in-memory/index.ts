/** In-memory adapters of every persistence port: for tests, demos and embedders without a database. */
export { InMemoryBallotBox } from './in-memory-ballot-box.js';
export { InMemoryElectionRecords } from './in-memory-election-records.js';
export { InMemoryExceptionRequests } from './in-memory-exception-requests.js';
export { InMemoryPassphraseAttempts } from './in-memory-passphrase-attempts.js';
export { InMemoryUsers } from './in-memory-users.js';
export { InMemoryLastGoodCatalog } from './in-memory-last-good-catalog.js';
export { InMemoryWebhookDeliveries } from './in-memory-webhook-deliveries.js';
export { InMemoryFrozenBulletins } from './in-memory-frozen-bulletins.js';
