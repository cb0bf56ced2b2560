/** The tally engine: accumulate ballots into a pairwise matrix, then count it with one method. */
export * from './types.js';
export { PairwiseAccumulator } from './pairwise-accumulator.js';
export { pairwiseMatrix, toRecordMatrix } from './pairwise-matrix.js';
export { tally, TALLY_METHODS, PAIR_STRENGTHS } from './tally.js';
export { linkStrength } from './link-strength.js';
export { strongestPaths, schulzeTiers } from './schulze.js';
export { rankedPairs } from './ranked-pairs.js';
export { minimaxScores } from './minimax.js';
export { copelandScores } from './copeland.js';
export { allocateSeats } from './seat-allocation.js';
export { condorcetWinner, condorcetLoser, explanationSentence } from './explanations.js';
