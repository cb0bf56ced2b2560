export { BallotsCsvError } from './ballots-csv-error.js';
export { BallotsCsvParser, type BallotsCsvSink } from './ballots-csv-parser.js';
export { readBallotsCsv, readStvBallotsCsv } from './read-ballots-csv.js';
