import { PairwiseAccumulator, StvBallotCollector, type UnrankedPolicy } from '../../domain/tally/index.js';
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

/**
 * The same stream for an STV count: each row becomes a ranking, identical rankings one entry with a
 * weight (see StvBallotCollector: a tie cuts the ballot there, unranked candidates are not preferred).
 */
export async function readStvBallotsCsv(source: AsyncIterable<Uint8Array | string>): Promise<StvBallotCollector> {
  let collector: StvBallotCollector | null = null;
  const parser = new BallotsCsvParser({
    header(candidates) {
      collector = new StvBallotCollector(candidates);
    },
    ballot(ranks) {
      collector!.addRanks(ranks);
    },
  });
  for await (const chunk of source) parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  parser.end();
  if (collector === null) throw new BallotsCsvError(1, undefined, 'the file is empty; expected a header of candidate ids.');
  return collector;
}
