/** The Single Transferable Vote methods: pure functions over full ballots (see stv-types.ts). */
export * from './stv-types.js';
export { scottishStv } from './scottish-stv.js';
