import { PairwiseAccumulator, type UnrankedPolicy } from '../../domain/tally/index.js';
import { BallotsCsvError } from './ballots-csv-error.js';
import { BallotsCsvParser } from './ballots-csv-parser.js';

/**
 * Streams an officers' ballots CSV straight into a PairwiseAccumulator: one row at a time, never
 * the whole file in memory. `source` is any byte stream (fs.createReadStream, process.stdin, …).
 */
export async function readBallotsCsv(source: AsyncIterable<Uint8Array | string>, unranked: UnrankedPolicy = 'no-opinion'): Promise<PairwiseAccumulator> {
  let acc: PairwiseAccumulator | null = null;
  const parser = new BallotsCsvParser({
    header(candidates) {
      acc = new PairwiseAccumulator(candidates, unranked);
    },
    ballot(ranks) {
      acc!.addRanks(ranks);
    },
  });
  for await (const chunk of source) parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  parser.end();
  if (acc === null) throw new BallotsCsvError(1, undefined, 'the file is empty; expected a header of candidate ids.');
  return acc;
}
