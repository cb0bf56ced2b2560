import { InMemoryBallotBox } from '../../../src/adapters/persistence/in-memory/in-memory-ballot-box.js';
import { InMemoryElectionRecords } from '../../../src/adapters/persistence/in-memory/in-memory-election-records.js';
import { InMemoryFrozenBulletins } from '../../../src/adapters/persistence/in-memory/in-memory-frozen-bulletins.js';
import { InMemoryExceptionRequests } from '../../../src/adapters/persistence/in-memory/in-memory-exception-requests.js';
import { InMemoryPassphraseAttempts } from '../../../src/adapters/persistence/in-memory/in-memory-passphrase-attempts.js';
import { InMemoryUsers } from '../../../src/adapters/persistence/in-memory/in-memory-users.js';
import { ZxcvbnPassphraseStrength } from '../../../src/adapters/passphrase/zxcvbn-passphrase-strength.js';
import { SeededRandom } from '../../../src/adapters/system/seeded-random.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import type { User } from '../../../src/application/ports/users.js';
import type { Election } from '../../../src/domain/election/election.js';
import { FakeBallotSealer } from '../fake-ballot-sealer.js';
import { FixedCatalog } from './fixed-catalog.js';

/** 2021-06-08 12:00 UTC: inside the default election's voting window. */
export const NOW = new Date('2021-06-08T12:00:00Z');

/**
 * Every port the use cases need, in memory, sharing one clock: a test builds its use case from
 * these (`new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random)`).
 * The strength estimator is the real one (pure computation; its dictionaries load once per test file).
 */
export function inMemoryWorld(elections: readonly Election[] = [], now: Date = NOW) {
  const users = new InMemoryUsers();
  const clock = new FixedClock(now);
  return {
    clock,
    random: new SeededRandom(42),
    catalog: new FixedCatalog(elections),
    users,
    ballotBox: new InMemoryBallotBox(),
    electionRecords: new InMemoryElectionRecords(),
    exceptionRequests: new InMemoryExceptionRequests(users),
    attempts: new InMemoryPassphraseAttempts(clock),
    frozenBulletins: new InMemoryFrozenBulletins(),
    sealer: new FakeBallotSealer(),
    strength: new ZxcvbnPassphraseStrength(),
    /** Signs a user in (so they have a stored id) and returns them. */
    async signIn(login: string, name: string | null = null): Promise<User> {
      return users.upsertFromSignIn(login, name);
    },
  };
}

export type InMemoryWorld = ReturnType<typeof inMemoryWorld>;
