/** The Single Transferable Vote methods: pure functions over full ballots (see stv-types.ts). */
export * from './stv-types.js';
export { scottishStv } from './scottish-stv.js';
export { meekStv } from './meek-stv.js';
export { cpoStv, CPO_MAX_OUTCOMES } from './cpo-stv.js';
export { countStv, needsFullBallots, STV_METHODS } from './count-stv.js';
