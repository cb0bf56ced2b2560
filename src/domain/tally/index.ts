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
export type { StvInput, StvBallot, StvResult, StvRound, StvRoundCandidate, StvDraw, StvMethod, StvCandidateState } from './stv/stv-types.js';
export { countStv, needsFullBallots, STV_METHODS } from './stv/count-stv.js';
export { meekStv, MEEK_SURPLUS_TOLERANCE } from './stv/meek-stv.js';
export { cpoStv, compareOutcomes, CPO_MAX_OUTCOMES } from './stv/cpo-stv.js';
export { packStvInput } from './stv/stv-ballots.js';
export { SeededDraw } from './stv/seeded-draw.js';
export { scottishStv } from './stv/scottish-stv.js';
