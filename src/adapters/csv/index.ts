export { BallotsCsvError } from './ballots-csv-error.js';
export { BallotsCsvParser, type BallotsCsvSink } from './ballots-csv-parser.js';
export { readBallotsCsv } from './read-ballots-csv.js';
