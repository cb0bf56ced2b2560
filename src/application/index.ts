/** Use cases and the ports they need; adapters implement the ports. */
export type * from './ports/clock.js';
export type * from './ports/random.js';
export type * from './ports/election-catalog.js';
export type * from './ports/meta-source.js';
export type * from './ports/meta-reader.js';
export type * from './ports/election-records.js';
export type * from './ports/users.js';
export type * from './ports/ballot-box.js';
export type * from './ports/ballot-sealer.js';
export type * from './ports/exception-requests.js';
export type * from './ports/identity.js';
