import { TRACKER_BYTES, trackerFromBytes } from '../../domain/ballot/ballot-tracker.js';
import type { Election } from '../../domain/election/election.js';
import type { Random } from '../ports/random.js';

/**
 * The tracker of a new ballot, cast or changed (`ballot_trackers: true`; else null): fresh for every
 * ballot, so a changed vote's old tracker finds nothing, and stored with the ballot only (never with
 * the voter mark).
 */
export function newBallotTracker(election: Election, random: Random): string | null {
  return election.ballotTrackers ? trackerFromBytes(random.bytes(TRACKER_BYTES)) : null;
}
