/** One organization's view of the shared stores (ORGANIZATIONS_FILE; see election-key-scope.ts). */
export { ElectionKeyScope } from './election-key-scope.js';
export { ScopedBallotBox } from './scoped-ballot-box.js';
export { ScopedElectionRecords } from './scoped-election-records.js';
export { ScopedFrozenBulletins } from './scoped-frozen-bulletins.js';
export { ScopedExceptionRequests } from './scoped-exception-requests.js';
export { ScopedPassphraseAttempts } from './scoped-passphrase-attempts.js';
