/** The pure core: import it without pulling in Koa, TypeORM or any I/O. */
export * from './errors.js';
export * from './identity/github-login.js';
export * from './election/schedule.js';
export * from './election/candidate.js';
export * from './election/election.js';
export * from './ballot/ranking.js';
export * from './tally/index.js';
