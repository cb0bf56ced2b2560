import { FixedClock } from '../../adapters/system/system-clock.js';
import { CastBallot } from '../../application/voting/cast-ballot.js';
import { candidateIds, electionStatus } from '../../domain/election/election.js';
import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';
import { USE_CASES } from '../use-case-tokens.js';

// Fixed preferences, so every demo shows the same result, the one the 2021 election's results.md
// publishes (test/bootstrap/demo-start.test.ts holds them together). Indexes follow the catalog's
// candidate order (ada-lovelace, alan-turing, grace-hopper): Grace Hopper beats both, Ada Lovelace
// beats Alan Turing 3 to 1, so the two seats go to Grace and Ada without a tie.
const PREFERENCES = [
  [2, 0, 1],
  [2, 0, 1],
  [0, 2, 1],
  [2, 0],
  [1, 2, 0],
  [0, 2],
];

/**
 * The demo's completed elections would otherwise have no ballots, and the officers' results page,
 * downloads and results.md draft would show nothing. Each one with an empty ballot box gets one
 * ballot per voter on its roll, cast through the real use case on a clock set inside its voting
 * window, without a passphrase (so no voter-to-ballot link exists). Only ever called for --demo.
 */
export async function seedDemoBallots(app: Application): Promise<number> {
  const [catalog, ballotBox, sealer, strength, random, signIn, clock] = await Promise.all([
    app.get(TOKENS.ElectionCatalog),
    app.get(TOKENS.BallotBox),
    app.get(TOKENS.BallotSealer),
    app.get(TOKENS.PassphraseStrength),
    app.get(TOKENS.Random),
    app.get(USE_CASES.signIn),
    app.get(TOKENS.Clock),
  ]);
  let seeded = 0;
  for (const election of catalog.current().elections.values()) {
    if (electionStatus(election, clock.now()) !== 'completed' || !election.voters) continue;
    if ((await ballotBox.countBallots(election.key)) > 0) continue;
    const during = new FixedClock(new Date(election.startsAt.getTime() + 60_000));
    const cast = new CastBallot(catalog, ballotBox, sealer, strength, during, random);
    const ids = candidateIds(election);
    let i = 0;
    for (const login of election.voters) {
      const order = PREFERENCES[i++ % PREFERENCES.length]!.filter((c) => c < ids.length);
      const user = await signIn.execute({ login, name: null });
      await cast.execute({ user, electionKey: election.key, entries: order.map((c, rank) => ({ candidate: ids[c]!, rank: rank + 1 })), passphrase: '' });
      seeded++;
    }
  }
  return seeded;
}
